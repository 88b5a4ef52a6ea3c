import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream } from './zip.ts';

async function archive(entries: Parameters<typeof zipStream>[0]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries, new Date(2026, 5, 1, 12, 30, 10))) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('zipStream', () => {
  it('writes entries that unzip to what was given, however it arrived in chunks', async () => {
    const parts = Array.from({ length: 9 }, (_, i) => `<row r="${i}">${'x'.repeat(1_000 * i)} پارک</row>`);

    const bytes = await archive([
      { name: 'one.xml', chunks: () => ['<a/>'] },
      { name: 'many.xml', chunks: async function* () {
        yield* parts;
      } },
      { name: 'empty.xml', chunks: () => [] },
      { name: 'folder/ünïcode.xml', chunks: () => ['', 'b', ''] },
    ]);
    const files = unzipSync(new Uint8Array(bytes));

    expect(Object.keys(files)).toEqual(['one.xml', 'many.xml', 'empty.xml', 'folder/ünïcode.xml']);
    expect(Buffer.from(files['one.xml']!).toString()).toBe('<a/>');
    expect(Buffer.from(files['many.xml']!).toString()).toBe(parts.join(''));
    expect(files['empty.xml']).toHaveLength(0);
    expect(Buffer.from(files['folder/ünïcode.xml']!).toString()).toBe('b');
  });

  it('records each entry’s CRC-32, sizes and offset in the central directory', async () => {
    const text = 'hello, '.repeat(500);

    const bytes = await archive([{ name: 'a.txt', chunks: () => [text.slice(0, 1_000), text.slice(1_000)] }]);
    const end = bytes.length - 22;
    const directory = bytes.readUInt32LE(end + 16);

    expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
    expect(bytes.readUInt16LE(end + 10)).toBe(1);
    expect(bytes.readUInt32LE(directory)).toBe(0x02014b50);
    expect(bytes.readUInt32LE(directory + 16)).toBe(crc32(text));
    expect(bytes.readUInt32LE(directory + 24)).toBe(text.length);
    expect(bytes.readUInt32LE(directory + 42)).toBe(0);
    expect(bytes.readUInt32LE(directory + 20)).toBeLessThan(text.length);
  });

  it('fails when an entry’s contents fail', async () => {
    const entries = [
      {
        name: 'a.xml',
        chunks: async function* () {
          yield 'start';
          throw new Error('the table stopped answering');
        },
      },
    ];

    await expect(archive(entries)).rejects.toThrow('the table stopped answering');
  });
});
