import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { drainUnprocessed } from './retry.ts';

const MAX_BATCH = 25;

/**
 * Writes items with BatchWriteItem in groups of 25, `concurrency` groups at a time, retrying
 * unprocessed items under the data layer's retry policy (retry.ts). Puts overwrite by key, so re-running is harmless.
 */
export async function batchPut(client: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], concurrency = 4): Promise<void> {
  await batchWrite(client, tableName, items.map((Item) => ({ PutRequest: { Item } })), concurrency);
}

/** Deletes items by key in groups of 25, with the same retries. Deleting a missing key is harmless. */
export async function batchDelete(client: DynamoDBDocumentClient, tableName: string, keys: readonly Record<string, unknown>[], concurrency = 4): Promise<void> {
  await batchWrite(client, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })), concurrency);
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], concurrency: number): Promise<void> {
  const groups: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += MAX_BATCH) groups.push(requests.slice(i, i + MAX_BATCH));
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      await drainUnprocessed(group, async (pending) => {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        return (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
}
