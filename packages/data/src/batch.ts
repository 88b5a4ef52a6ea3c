import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const MAX_BATCH = 25;

/**
 * Writes items with BatchWriteItem in groups of 25, `concurrency` groups at a time, retrying
 * unprocessed items with exponential back-off. Puts overwrite by key, so re-running is harmless.
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
      let pending = group;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} items unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)));
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
}
