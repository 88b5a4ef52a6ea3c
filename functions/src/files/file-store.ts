import type { Readable } from 'node:stream';

/** Where a browser should send an upload: a pre-signed S3 URL in AWS, the local server on one machine. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  /** Whether the request must carry the staff bearer token (the local target does; S3 must not). */
  withAuthorization: boolean;
  expiresAt: string;
}

/**
 * Large files (ONS postcode lookups, exports) never pass through the API's JSON body limit:
 * they go straight to storage. In AWS that is S3; locally a folder on disk, same code path.
 */
export interface FileStore {
  uploadTarget(key: string, options: { contentType: string; bytes: number }): Promise<UploadTarget>;
  /** Size in bytes, or null when nothing has been uploaded under the key. */
  stat(key: string): Promise<{ bytes: number } | null>;
  open(key: string): Promise<Readable>;
}
