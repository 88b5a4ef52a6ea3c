export * from './errors.ts';
export * from './roles.ts';
export * from './settings.ts';
export * from './audit.ts';
export * from './geography.ts';
export * from './geo-import.ts';
export * from './postcode.ts';
export * from './surveys/index.ts';
