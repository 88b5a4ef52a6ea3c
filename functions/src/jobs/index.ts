export { DiskFileStore, S3FileStore, type FileStore } from '../files/index.ts';
export { InProcessJobDispatcher, LambdaJobDispatcher, type JobDispatcher } from './dispatcher.ts';
export { importFileKey, runImportJob } from './run-import.ts';
