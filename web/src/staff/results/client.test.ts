import { describe, expect, it } from 'vitest';
import { isOwnUrl, needsToken } from './client.ts';

describe('export downloads', () => {
  it('sends the access token only to the API’s own links, never to S3', () => {
    const origin = 'https://wardpulse.example.org';

    expect(isOwnUrl('/api/staff/exports/abc/file', origin)).toBe(true);
    expect(isOwnUrl('https://wardpulse.example.org/api/staff/exports/abc/file', origin)).toBe(true);
    expect(isOwnUrl('https://wardpulse-files.s3.eu-west-2.amazonaws.com/exports/abc?X-Amz-Signature=1', origin)).toBe(false);
    expect(isOwnUrl('//evil.example.com/file', origin)).toBe(false);
    expect(needsToken({ url: '/api/staff/exports/abc/file', withAuthorization: true }, origin)).toBe(true);
    expect(needsToken({ url: '/api/staff/exports/abc/file', withAuthorization: false }, origin)).toBe(false);
    expect(needsToken({ url: 'https://bucket.s3.amazonaws.com/exports/abc', withAuthorization: true }, origin)).toBe(false);
  });
});
