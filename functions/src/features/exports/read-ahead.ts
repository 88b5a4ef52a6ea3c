/**
 * Reads up to `depth` items ahead of the consumer, so the next page of responses is on its way
 * from DynamoDB while this one is being written: I/O and encoding overlap, and memory stays
 * bounded by `depth` pages.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 2): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const fill = () => {
    while (queue.length < depth) {
      const next = iterator.next();
      // A read that fails ahead of the consumer is reported when the consumer reaches it.
      next.catch(() => undefined);
      queue.push(next);
    }
  };
  try {
    fill();
    for (;;) {
      const next = await queue.shift()!;
      if (next.done) return;
      fill();
      yield next.value;
    }
  } finally {
    // Settle reads already asked for before closing the source, so none rejects unobserved.
    await Promise.allSettled(queue);
    await iterator.return?.();
  }
}
