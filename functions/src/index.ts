export type { AppType } from './api/app.ts';
export type { ErrorBody } from './api/errors.ts';
