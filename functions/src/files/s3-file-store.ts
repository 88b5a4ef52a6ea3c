import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { FileStore } from './file-store.ts';

const UPLOAD_URL_SECONDS = 15 * 60;

/**
 * The AWS FileStore: uploads go straight to S3 with a pre-signed PUT; jobs stream them back.
 * Give it an S3Client with `requestChecksumCalculation: 'WHEN_REQUIRED'`, or the pre-signed URL
 * carries the checksum of an empty body and S3 rejects every real upload.
 */
export class S3FileStore implements FileStore {
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
}
