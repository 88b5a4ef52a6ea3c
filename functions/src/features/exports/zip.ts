/**
 * A streaming ZIP writer for the XLSX export: entries are deflated as their text arrives and
 * written with a trailing data descriptor, so nothing waits for an entry's end and memory holds
 * only the chunks being compressed. No ZIP64: an entry or archive past 4 GiB is refused.
 */
import { constants, crc32, deflateRaw } from 'node:zlib';
import { promisify } from 'node:util';

const deflate = promisify(deflateRaw);

export interface ZipEntry {
  /** The entry's path in the archive (UTF-8). */
  name: string;
  /** Its contents, produced lazily (an entry may depend on what earlier entries wrote). */
  chunks: () => AsyncIterable<string> | Iterable<string>;
}

/** Chunks being deflated at once, on libuv's thread pool while the next chunk is made. */
const IN_FLIGHT = 2;
const LIMIT = 0xffffffff;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATED = 8;
/** Version 2.0 (deflate, data descriptors). */
const VERSION = 20;
/** The last block of a raw DEFLATE stream: final, fixed Huffman, end of block. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** MS-DOS time and date, as ZIP headers keep them. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: (Math.max(at.getFullYear() - 1980, 0) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

function tooLarge(): Error {
  return new Error('The workbook is larger than a ZIP archive without ZIP64 can hold (4 GiB); export CSV instead.');
}

/**
 * The archive's bytes, entry after entry, then the central directory. Each chunk of an entry is
 * deflated on its own and ended with a sync flush, so the compressed chunks join into one valid
 * DEFLATE stream (level 1, as the spreadsheet writer used before): compression runs on the
 * thread pool, beside the work of making the next chunk.
 */
export async function* zipStream(entries: readonly ZipEntry[], at = new Date()): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(at);
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATED, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes (14–25) are zero here and follow the data; no extra field.
    local.writeUInt16LE(name.length, 26);
    if (offset > LIMIT) throw tooLarge();
    const headerOffset = offset;
    yield local;
    yield name;
    offset += local.length + name.length;

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const pending: Promise<Buffer>[] = [];
    for await (const chunk of entry.chunks()) {
      if (chunk.length === 0) continue;
      const bytes = Buffer.from(chunk, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      const deflated = deflate(bytes, { level: 1, finishFlush: constants.Z_SYNC_FLUSH });
      // Observed when its turn comes; never an unhandled rejection meanwhile.
      deflated.catch(() => undefined);
      pending.push(deflated);
      if (pending.length < IN_FLIGHT) continue;
      const out = await pending.shift()!;
      compressed += out.length;
      yield out;
    }
    for (const deflatedChunk of pending) {
      const out = await deflatedChunk;
      compressed += out.length;
      yield out;
    }
    yield FINAL_BLOCK;
    compressed += FINAL_BLOCK.length;
    if (size > LIMIT || compressed > LIMIT) throw tooLarge();

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += compressed + descriptor.length;

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(VERSION, 4);
    record.writeUInt16LE(VERSION, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(DEFLATED, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(compressed, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk, attributes (30–41): none.
    record.writeUInt32LE(headerOffset, 42);
    central.push(record, name);
  }
  const directory = Buffer.concat(central);
  if (offset > LIMIT || entries.length > 0xffff) throw tooLarge();
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}
