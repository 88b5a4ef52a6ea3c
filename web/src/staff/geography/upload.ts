import type { InferResponseType } from 'hono/client';
import { ApiError, type api } from '../../shared/api.ts';

/** Where the API says to put an import's file: S3 (pre-signed) in AWS, the local server on one machine. */
export type UploadTarget = InferResponseType<typeof api.api.staff.admin.imports.$post, 201>['upload'];

/**
 * PUTs a file to its upload target with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. The access token goes only where the API said it may: never to S3.
 */
export function uploadFile(target: UploadTarget, file: File, authorization: string, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
    if (target.withAuthorization) xhr.setRequestHeader('Authorization', authorization);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
        return;
      }
      reject(uploadError(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network.offline', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError(0, 'upload.aborted', 'The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function uploadError(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return new ApiError(xhr.status, body.error.code ?? `http.${xhr.status}`, body.error.message);
  } catch {
    // S3 answers in XML; a proxy may answer in HTML. Fall through to a plain message.
  }
  if (xhr.status === 403) return new ApiError(403, 'upload.refused', 'The upload was refused: its link may have expired. Start the import again.');
  return new ApiError(xhr.status, `http.${xhr.status}`, `The upload failed (the server answered ${xhr.status}). Try again in a moment.`);
}
