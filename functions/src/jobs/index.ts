export { DiskFileStore, S3FileStore, type DownloadTarget, type FileStore } from '../files/index.ts';
export { InProcessJobDispatcher, LambdaJobDispatcher, type JobDispatcher, type JobRequest, type JobType } from './dispatcher.ts';
export { importFileKey, runImportJob } from '../features/geography/run-import.ts';
export { exportFileKey, runExportJob } from '../features/exports/run-export.ts';
export { runJob, type JobRunnerDeps } from './run-job.ts';
