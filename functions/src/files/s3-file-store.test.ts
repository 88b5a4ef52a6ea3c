import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3FileStore } from './s3-file-store.ts';

/** A request as S3 received it, from the fake HTTP handler below. */
interface Seen {
  method: string;
  path: string;
  query: Record<string, unknown>;
  bytes: number;
}

async function bodyBytes(body: unknown): Promise<number> {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  return total;
}

/**
 * An S3 client whose HTTP layer answers like S3 (faked at the SDK client, as the house rules
 * ask): multipart uploads get an UploadId, parts an ETag, and a part numbered `failPart` fails.
 */
function fakeS3(options: { failPart?: number } = {}) {
  const seen: Seen[] = [];
  const xml = (body: string) => Readable.from([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body}`)]);
  const client = new S3Client({
    region: 'eu-west-2',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example-secret' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { method: string; path: string; query?: Record<string, unknown>; body?: unknown }) => {
        const query = request.query ?? {};
        const entry = { method: request.method, path: request.path, query, bytes: await bodyBytes(request.body) };
        seen.push(entry);
        const respond = (statusCode: number, body: Readable = Readable.from([]), headers: Record<string, string> = {}) => ({ response: { statusCode, headers, body } });
        if ('uploads' in query) return respond(200, xml('<InitiateMultipartUploadResult><Bucket>files</Bucket><Key>k</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>'));
        if ('partNumber' in query) {
          if (Number(query.partNumber) === options.failPart) return respond(500, xml('<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>'));
          return respond(200, undefined, { etag: `"etag-${String(query.partNumber)}"` });
        }
        if (request.method === 'POST' && 'uploadId' in query) return respond(200, xml('<CompleteMultipartUploadResult><Bucket>files</Bucket><Key>k</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>'));
        if (request.method === 'DELETE') return respond(204);
        return respond(200, undefined, { etag: '"single"' });
      },
    },
  });
  return { store: new S3FileStore(client, 'files'), seen };
}

const MB = 1024 * 1024;

/** A body of `bytes`, in 64 KB chunks, as a streamed export would arrive. */
function body(bytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
    })(),
  );
}

describe('S3FileStore', () => {
  it('writes a small export with one PutObject and returns its size', async () => {
    const { store, seen } = fakeS3();

    expect(await store.put('exports/abc', body(100_000), { contentType: 'text/csv; charset=utf-8' })).toEqual({ bytes: 100_000 });

    expect(seen.map((s) => [s.method, s.path, s.bytes])).toEqual([['PUT', '/exports/abc', 100_000]]);
  });

  it('streams a large export as a multipart upload of 8 MB parts', async () => {
    const { store, seen } = fakeS3();

    expect(await store.put('exports/big', body(20 * MB), { contentType: 'text/csv' })).toEqual({ bytes: 20 * MB });

    const parts = seen.filter((s) => 'partNumber' in s.query);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/exports/big' });
    expect(parts.map((part) => part.bytes)).toEqual([8 * MB, 8 * MB, 4 * MB]);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', query: { uploadId: 'upload-1' } });
  });

  it('aborts the multipart upload when a part fails, so no partial file is left', async () => {
    const { store, seen } = fakeS3({ failPart: 2 });

    await expect(store.put('exports/broken', body(20 * MB), { contentType: 'text/csv' })).rejects.toThrow();

    expect(seen.some((s) => s.method === 'DELETE' && s.query.uploadId === 'upload-1')).toBe(true);
    expect(seen.some((s) => s.method === 'POST' && 'uploadId' in s.query)).toBe(false);
  });

  it('fails, completing nothing, when the export itself fails mid-stream', async () => {
    const { store, seen } = fakeS3();
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(9 * MB);
        throw new Error('the table stopped answering');
      })(),
    );

    await expect(store.put('exports/failed', failing, { contentType: 'text/csv' })).rejects.toThrow('the table stopped answering');

    expect(seen.some((s) => s.method === 'POST' && 'uploadId' in s.query)).toBe(false);
  });

  it('signs a 15-minute download link that saves the file under its name', async () => {
    const { store } = fakeS3();

    const target = await store.downloadTarget('exports/abc', { fileName: 'your-priorities-results-ward-2026-05-01.csv', contentType: 'text/csv; charset=utf-8' });

    const url = new URL(target.url);
    expect(url.host).toBe('files.s3.eu-west-2.amazonaws.com');
    expect(url.pathname).toBe('/exports/abc');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="your-priorities-results-ward-2026-05-01.csv"; filename*=UTF-8\'\'your-priorities-results-ward-2026-05-01.csv',
    );
    expect(url.searchParams.get('response-content-type')).toBe('text/csv; charset=utf-8');
    expect(target.withAuthorization).toBe(false);
    expect(Date.parse(target.expiresAt) - Date.now()).toBeGreaterThan(14 * 60 * 1000);
  });
});
