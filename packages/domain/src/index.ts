export * from './errors.ts';
export * from './roles.ts';
export * from './settings.ts';
export * from './audit.ts';
