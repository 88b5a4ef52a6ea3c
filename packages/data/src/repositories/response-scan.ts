/**
 * Reading a whole version's responses fast, for exports: every shard of the version's index
 * queried at once, each a bounded number of pages ahead, merged back into arrival order.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { plainWithoutKeys } from '../items.ts';
import { AGGREGATE_SHARDS, keys } from '../keys.ts';

/**
 * Items a page. Smaller than DynamoDB's 1 MB page because a page waits in memory until the
 * merge reaches it: in a 100,000-response export, 500 a page (×4 shards × 2 pages) kept peak RSS
 * some 50 MB higher than 250, for no more rows a second.
 */
export const DEFAULT_PAGE_SIZE = 250;

export interface ReadVersionOptions {
  /** Items asked for per query (DynamoDB also ends a page at 1 MB). */
  pageSize?: number;
  /** Pages each shard may have read and not yet merged, besides the one being merged (0: none). */
  readAhead?: number;
}

/** A page of one shard: its items' index sort keys (`<submittedAt>#<id>`) beside the items. */
export interface KeyedPage<T> {
  keys: readonly string[];
  items: readonly T[];
}

/**
 * Reads up to `depth` items ahead of the consumer, so the next page is on its way from DynamoDB
 * while this one is used: reading and the work on it overlap, and memory stays bounded by
 * `depth` pages. A read that fails ahead is reported when the consumer reaches it.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 1): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const fill = () => {
    while (queue.length < depth) {
      const next = iterator.next();
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

/**
 * Merges sources whose pages are each in key order into one sequence in key order, in batches
 * of up to `batchSize`: every item of every source exactly once. Holds one page per source (plus
 * what each source reads ahead). Keys compare as JavaScript strings (UTF-16 code units), which
 * for the ASCII index keys is DynamoDB's byte order; were a source out of that order, the output
 * would still hold every item once, only not sorted.
 */
export async function* mergeInKeyOrder<T>(sources: readonly AsyncIterable<KeyedPage<T>>[], batchSize: number): AsyncGenerator<T[]> {
  interface Head {
    iterator: AsyncIterator<KeyedPage<T>>;
    page: KeyedPage<T>;
    index: number;
  }
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  /** The source's next page with items, or null when it has no more. */
  const nextPage = async (iterator: AsyncIterator<KeyedPage<T>>): Promise<KeyedPage<T> | null> => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return null;
      if (next.value.items.length > 0) return next.value;
    }
  };
  try {
    const firsts = await Promise.allSettled(iterators.map(nextPage));
    const failed = firsts.find((first) => first.status === 'rejected');
    if (failed) throw failed.reason;
    const heads: Head[] = [];
    for (const [i, first] of firsts.entries()) {
      if (first.status === 'fulfilled' && first.value) heads.push({ iterator: iterators[i]!, page: first.value, index: 0 });
    }
    let batch: T[] = [];
    while (heads.length > 0) {
      let least = 0;
      let leastKey = heads[0]!.page.keys[heads[0]!.index]!;
      for (let h = 1; h < heads.length; h++) {
        const key = heads[h]!.page.keys[heads[h]!.index]!;
        if (key < leastKey) {
          least = h;
          leastKey = key;
        }
      }
      const head = heads[least]!;
      batch.push(head.page.items[head.index]!);
      head.index += 1;
      if (head.index === head.page.items.length) {
        const page = await nextPage(head.iterator);
        if (page) {
          head.page = page;
          head.index = 0;
        } else heads.splice(least, 1);
      }
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    // A failed or abandoned merge stops every shard's reading.
    await Promise.allSettled(iterators.map((iterator) => iterator.return?.()));
  }
}

/**
 * One shard's partition of a version's index, page by page in key order, each item parsed
 * (without the table's attributes) by `parse`. The query is the low-level client's, so each
 * item goes from attribute values to plain values in one pass (`plainWithoutKeys`) instead of
 * the document client's unmarshalling and then a copy without the keys.
 */
async function* shardPages<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  pageSize: number,
  parse: (item: Record<string, unknown>) => T,
): AsyncGenerator<KeyedPage<T>> {
  let ExclusiveStartKey: QueryCommand['input']['ExclusiveStartKey'];
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: partition } },
        ExclusiveStartKey,
        Limit: pageSize,
      }),
    );
    ExclusiveStartKey = page.LastEvaluatedKey;
    const raw = page.Items ?? [];
    yield { keys: raw.map((item) => item.gsi1sk?.S ?? ''), items: raw.map((item) => parse(plainWithoutKeys(item))) };
  } while (ExclusiveStartKey);
}

/**
 * Every response of a version in arrival order (submitted time, then id), in batches: the
 * version's AGGREGATE_SHARDS index partitions are queried side by side, each `readAhead` pages
 * ahead of the merge, so memory holds at most shards × (readAhead + 1) pages whatever the
 * survey's size.
 */
export function readVersionInOrder<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  surveyId: string,
  version: number,
  /** Parses an item already without the table's attributes. */
  parse: (item: Record<string, unknown>) => T,
  options: ReadVersionOptions = {},
): AsyncGenerator<T[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const depth = options.readAhead ?? 1;
  const shards = Array.from({ length: AGGREGATE_SHARDS }, (_, shard) => {
    const pages = shardPages(client, tableName, keys.responsesIndex(surveyId, version, shard), pageSize, parse);
    return depth > 0 ? readAhead(pages, depth) : pages;
  });
  return mergeInKeyOrder(shards, pageSize);
}
