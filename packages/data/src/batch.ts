import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const MAX_BATCH = 25;

/**
 * Writes items with BatchWriteItem in groups of 25, `concurrency` groups at a time, retrying
 * unprocessed items with exponential back-off. Puts overwrite by key, so re-running is harmless.
 */
export async function batchPut(client: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], concurrency = 4): Promise<void> {
  const groups: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH) groups.push(items.slice(i, i + MAX_BATCH));
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      let pending = group.map((Item) => ({ PutRequest: { Item } }));
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
