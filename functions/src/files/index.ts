export { contentDisposition, DOWNLOAD_URL_SECONDS, type DownloadTarget, type FileStore, type UploadTarget } from './file-store.ts';
export { DiskFileStore } from './disk-file-store.ts';
export { S3FileStore } from './s3-file-store.ts';
