import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    async function* pages() {
      for (let i = 0; i < 5; i++) yield i;
    }

    expect(await collect(readAhead(pages()))).toEqual([0, 1, 2, 3, 4]);
  });

  it('asks for the next items while the consumer is busy, never more than `depth` ahead', async () => {
    let requested = 0;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: async () => (requested < 10 ? { done: false, value: requested++ } : { done: true, value: undefined }) }),
    };
    const seen: [number, number][] = [];

    for await (const value of readAhead(source, 2)) seen.push([value, requested]);

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
