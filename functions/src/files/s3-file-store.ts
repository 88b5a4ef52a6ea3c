import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { pipeline, Readable } from 'node:stream';
import { byteCounter } from './byte-counter.ts';
import { contentDisposition, DOWNLOAD_URL_SECONDS, type FileStore } from './file-store.ts';

const UPLOAD_URL_SECONDS = 15 * 60;

/** Multipart part size: S3's minimum is 5 MiB; four parts in flight bound the memory an upload holds. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

/**
 * The AWS FileStore: uploads go straight to S3 with a pre-signed PUT; jobs stream them back.
 * Give it an S3Client with `requestChecksumCalculation: 'WHEN_REQUIRED'`, or the pre-signed URL
 * carries the checksum of an empty body and S3 rejects every real upload.
 */
export class S3FileStore implements FileStore {
  readonly servesDownloads = false;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async uploadTarget(key: string, options: { contentType: string; bytes: number }) {
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: options.contentType, ContentLength: options.bytes }),
      { expiresIn: UPLOAD_URL_SECONDS },
    );
    return {
      url,
      method: 'PUT' as const,
      headers: { 'Content-Type': options.contentType },
      withAuthorization: false,
      expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    };
  }

  async stat(key: string) {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      // Without s3:ListBucket (deliberately not granted) a missing key answers 403, not 404.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey' || status === 403 || status === 404)) return null;
      throw error;
    }
  }

  async open(key: string): Promise<Readable> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!(object.Body instanceof Readable)) throw new Error(`S3 object ${key} has no readable body`);
    return object.Body;
  }

  /**
   * Streams a body of unknown length with a multipart upload (`@aws-sdk/lib-storage`): at most
   * PARTS_IN_FLIGHT parts are held at once, and S3 shows the object only when the upload
   * completes. On failure the upload is aborted; the bucket's lifecycle rule clears any leftovers.
   */
  async put(key: string, body: Readable, options: { contentType: string }): Promise<{ bytes: number }> {
    const counter = byteCounter();
    const counted = pipeline(body, counter, () => undefined);
    const upload = new Upload({
      client: this.s3,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: options.contentType },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
    return { bytes: counter.bytes };
  }

  /** A pre-signed GET that makes the browser save the file as `fileName`. */
  async downloadTarget(key: string, options: { fileName: string; contentType: string }) {
    const url = await getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: contentDisposition(options.fileName), ResponseContentType: options.contentType }),
      { expiresIn: DOWNLOAD_URL_SECONDS },
    );
    return { url, withAuthorization: false, expiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
  }
}
