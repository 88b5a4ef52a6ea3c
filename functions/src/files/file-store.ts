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

/** Where a browser fetches a finished file (an export): a pre-signed S3 GET, or the local server. */
export interface DownloadTarget {
  url: string;
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
  /**
   * Streams `body` to `key` without holding it whole, and returns its size. Nothing appears
   * under the key unless the whole body arrived: a failed or destroyed body leaves no half file.
   */
  put(key: string, body: Readable, options: { contentType: string }): Promise<{ bytes: number }>;
  /** A link that downloads the file as `fileName` (the browser's "save as" name). */
  downloadTarget(key: string, options: { fileName: string; contentType: string }): Promise<DownloadTarget>;
  /** True when downloads are served by the API itself (locally), not by a pre-signed link. */
  readonly servesDownloads: boolean;
}

/** How long a download link works. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

/**
 * `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987), so a
 * name with non-ASCII characters survives and quotes or slashes cannot break the header.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\/]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
