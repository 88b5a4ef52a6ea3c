import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DiskFileStore } from './disk-file-store.ts';
import { contentDisposition } from './file-store.ts';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name, so neither quotes nor slashes break the header', () => {
    expect(contentDisposition('résumé "q1"/2.csv')).toBe(`attachment; filename="r_sum_ _q1__2.csv"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22q1%22%2F2.csv`);
  });
});

describe('DiskFileStore.put', () => {
  const store = () => new DiskFileStore(mkdtempSync(join(tmpdir(), 'wardpulse-disk-store-')), (key) => key);

  it('streams a body to its key and returns its size', async () => {
    const files = store();

    expect(await files.put('exports/a', Readable.from(['one,', 'two\r\n']), { contentType: 'text/csv' })).toEqual({ bytes: 9 });

    expect(readFileSync(join(files.root, 'exports/a'), 'utf8')).toBe('one,two\r\n');
    expect(await files.downloadTarget('exports/a', { fileName: 'a.csv', contentType: 'text/csv' })).toMatchObject({ url: '/api/staff/exports/a/file', withAuthorization: true });
  });

  it('leaves no file, whole or partial, when the body fails', async () => {
    const files = store();
    const failing = Readable.from(
      (async function* () {
        yield 'half a file';
        throw new Error('the table stopped answering');
      })(),
    );

    await expect(files.put('exports/b', failing, { contentType: 'text/csv' })).rejects.toThrow('the table stopped answering');

    expect(readdirSync(join(files.root, 'exports'))).toEqual([]);
    expect(await files.stat('exports/b')).toBeNull();
  });
});
