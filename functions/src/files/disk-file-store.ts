import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { byteCounter } from './byte-counter.ts';
import { DOWNLOAD_URL_SECONDS, type FileStore } from './file-store.ts';

/** The local FileStore: files under one folder, uploaded and downloaded through the local server. */
export class DiskFileStore implements FileStore {
  readonly root: string;
  readonly servesDownloads = true;

  constructor(
    root: string,
    /** Maps a key to the local upload route, e.g. `/api/staff/admin/imports/<id>/file`. */
    private readonly uploadPath: (key: string) => string,
    /** Maps a key to the local download route: `exports/<id>` → `/api/staff/exports/<id>/file`. */
    private readonly downloadPath: (key: string) => string = (key) => `/api/staff/${key}/file`,
  ) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`File key escapes the store: ${key}`);
    return path;
  }

  async uploadTarget(key: string, options: { contentType: string }) {
    return {
      url: this.uploadPath(key),
      method: 'PUT' as const,
      headers: { 'Content-Type': options.contentType },
      withAuthorization: true,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    };
  }

  async stat(key: string) {
    try {
      return { bytes: (await stat(this.path(key))).size };
    } catch {
      return null;
    }
  }

  async open(key: string): Promise<Readable> {
    return createReadStream(this.path(key));
  }

  async put(key: string, body: Readable, _options: { contentType: string }): Promise<{ bytes: number }> {
    const target = this.path(key);
    const partial = `${target}.partial`;
    await mkdir(dirname(target), { recursive: true });
    const counter = byteCounter();
    try {
      await pipeline(body, counter, createWriteStream(partial));
      await rename(partial, target);
      return { bytes: counter.bytes };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** The local route streams the file to a signed-in member of staff; the token is the authority. */
  async downloadTarget(key: string, _options: { fileName: string; contentType: string }) {
    return { url: this.downloadPath(key), withAuthorization: true, expiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
  }

  /** Streams an upload to disk (never buffered whole), refusing more than `maxBytes`. */
  async write(key: string, body: WebReadableStream<Uint8Array>, maxBytes: number): Promise<number> {
    const target = this.path(key);
    const partial = `${target}.partial`;
    await mkdir(dirname(target), { recursive: true });
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > maxBytes) callback(new Error(`upload larger than ${maxBytes} bytes`));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body), counter, createWriteStream(partial));
      await rename(partial, target);
      return bytes;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }
}
