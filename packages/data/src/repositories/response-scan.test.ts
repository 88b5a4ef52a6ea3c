import { describe, expect, it } from 'vitest';
import { mergeInKeyOrder, readAhead, type KeyedPage } from './response-scan.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A source serving `keys` (already in order) in pages of the given sizes, counting pages served. */
function source(keys: string[], pageSizes: () => number, served = { pages: 0, closed: false }): AsyncIterable<KeyedPage<string>> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let start = 0; start < keys.length; ) {
          const size = pageSizes();
          const page = keys.slice(start, start + size);
          start += size;
          served.pages += 1;
          await Promise.resolve();
          yield { keys: page, items: page.map((key) => `item:${key}`) };
        }
      } finally {
        served.closed = true;
      }
    },
  };
}

describe('mergeInKeyOrder', () => {
  it('gives every item of every shard exactly once, in key order, whatever the pages (empty pages, an empty shard, ties across shards)', async () => {
    const rnd = random(7);
    // Arrival keys as the index has them: `<submittedAt>#<id>`, several shards sharing a second.
    const all = Array.from({ length: 2_000 }, (_, i) => `2026-05-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(Math.floor(i / 3) % 60).padStart(2, '0')}.000Z#${(i * 7919) % 10_007}`);
    const shards: string[][] = [[], [], [], [], []];
    for (const key of all) shards[Math.floor(rnd() * 4)]!.push(key);
    for (const shard of shards) shard.sort();

    const merged = (await collect(mergeInKeyOrder(shards.map((keys) => source(keys, () => Math.floor(rnd() * 40))), 97))).flat();

    expect(merged).toHaveLength(all.length);
    expect(new Set(merged).size).toBe(all.length);
    expect(merged).toEqual([...all].sort().map((key) => `item:${key}`));
  });

  it('hands on batches of at most the batch size', async () => {
    const batches = await collect(mergeInKeyOrder([source(['a', 'c', 'e'], () => 2), source(['b', 'd'], () => 1)], 2));

    expect(batches).toEqual([['item:a', 'item:b'], ['item:c', 'item:d'], ['item:e']]);
  });

  it('reads a shard only as far as the merge needs: one page each before the first batch', async () => {
    const served = [{ pages: 0, closed: false }, { pages: 0, closed: false }];
    const keys = Array.from({ length: 100 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const merge = mergeInKeyOrder([source(keys.filter((_, i) => i % 2 === 0), () => 10, served[0]), source(keys.filter((_, i) => i % 2 === 1), () => 10, served[1])], 4);

    const first = await merge.next();
    await merge.return(undefined);

    expect(first.value).toEqual(['item:k000', 'item:k001', 'item:k002', 'item:k003']);
    expect(served.map((s) => s.pages)).toEqual([1, 1]);
    expect(served.map((s) => s.closed)).toEqual([true, true]);
  });

  it('still gives every item once when a shard is out of order', async () => {
    const merged = (await collect(mergeInKeyOrder([source(['b', 'a', 'c'], () => 2), source(['a2', 'd'], () => 5)], 10))).flat();

    expect([...merged].sort()).toEqual(['item:a', 'item:a2', 'item:b', 'item:c', 'item:d']);
  });

  it('fails when a shard fails, and stops reading the others', async () => {
    const healthy = { pages: 0, closed: false };
    async function* failing(): AsyncGenerator<KeyedPage<string>> {
      yield { keys: ['a'], items: ['item:a'] };
      throw new Error('the table stopped answering');
    }

    await expect(collect(mergeInKeyOrder([failing(), source(['b', 'c', 'd', 'e'], () => 1, healthy)], 1))).rejects.toThrow('the table stopped answering');
    expect(healthy.closed).toBe(true);
  });
});

describe('readAhead', () => {
  it('yields every item in order', async () => {
    async function* pages() {
      for (let i = 0; i < 5; i++) yield i;
    }

    expect(await collect(readAhead(pages()))).toEqual([0, 1, 2, 3, 4]);
  });

  it('asks for the next items while the consumer is busy, never more than `depth` ahead', async () => {
    let requested = 0;
    const counting: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: async () => (requested < 10 ? { done: false, value: requested++ } : { done: true, value: undefined }) }),
    };
    const seen: [number, number][] = [];

    for await (const value of readAhead(counting, 2)) seen.push([value, requested]);

    expect(seen.slice(0, 3)).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('passes on a failure of the source', async () => {
    async function* failing() {
      yield 1;
      throw new Error('the table stopped answering');
    }

    await expect(collect(readAhead(failing()))).rejects.toThrow('the table stopped answering');
  });
});
