export * from './errors.ts';
// Constants without zod: also reachable one by one through the package's explicit subpaths.
export * from './constants/locales.ts';
export * from './constants/scales.ts';
export * from './constants/topics.ts';
export * from './roles.ts';
export * from './settings.ts';
export * from './audit.ts';
export * from './geography.ts';
export * from './geo-import.ts';
export * from './postcode.ts';
export * from './surveys/index.ts';
export * from './results.ts';
export * from './messages/index.ts';
export * from './exports.ts';
