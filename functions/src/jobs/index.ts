export { DiskFileStore, S3FileStore, type DownloadTarget, type FileStore } from '../files/index.ts';
export { InProcessJobDispatcher, LambdaJobDispatcher, type JobDispatcher, type JobRequest, type JobType } from './dispatcher.ts';
export { importFileKey, runImportJob } from './run-import.ts';
export { exportFileKey, runExportJob } from '../exports/run-export.ts';
export { runJob, type JobRunnerDeps } from './run-job.ts';
