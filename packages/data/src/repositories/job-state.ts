import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { isConditionalFailure } from '../conditions.ts';

type Key = { pk: string; sk: string };

/**
 * The life of a background job's item, the same for imports and exports: reading it back (parsed
 * with its schema) alone or newest first from its index, a guarded status move (queued → running,
 * only if still queued), progress updates, and the final status with what the job produced (a
 * report, a byte count) or its error.
 */
export function jobStateUpdates<Job, Status extends string, Progress>(client: DynamoDBDocumentClient, tableName: string, keyOf: (id: string) => Key, schema: z.ZodType<Job>) {
  const update = (id: string, expression: string, values: Record<string, unknown>, names?: Record<string, string>, condition?: string) =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keyOf(id),
        UpdateExpression: expression,
        ExpressionAttributeValues: { ...values, ':now': new Date().toISOString() },
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ...(condition ? { ConditionExpression: condition } : {}),
      }),
    );
  return {
    async get(id: string): Promise<Job | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(id), ConsistentRead: true }));
      return Item ? schema.parse(Item) : null;
    },

    /** The newest jobs under one `gsi1` partition (a survey's exports, every import), newest first. */
    async newest(indexPk: string, limit: number): Promise<Job[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': indexPk }, ScanIndexForward: false, Limit: limit }),
      );
      return Items.map((item) => schema.parse(item));
    },

    /** Moves a job from one status to another; false when it was not in `from` (someone else took it). */
    async transition(id: string, from: Status, to: Status): Promise<boolean> {
      try {
        await update(id, 'SET #status = :to, updatedAt = :now', { ':to': to, ':from': from }, { '#status': 'status' }, '#status = :from');
        return true;
      } catch (error) {
        if (isConditionalFailure(error)) return false;
        throw error;
      }
    },

    async progress(id: string, progress: Progress): Promise<void> {
      await update(id, 'SET progress = :progress, updatedAt = :now', { ':progress': progress });
    },

    /** The final status, with `result` (e.g. `{ report }`, `{ bytes }`) on success or `error` on failure; `stamp` also sets these fields to the time. */
    async finish(id: string, outcome: { status: Status; result: Record<string, unknown> } | { status: Status; error: { code: string; message: string } }, progress: Progress, stamp: readonly string[] = []): Promise<void> {
      const fields = 'error' in outcome ? { error: outcome.error } : outcome.result;
      const names: Record<string, string> = { '#status': 'status' };
      const values: Record<string, unknown> = { ':status': outcome.status, ':progress': progress };
      const sets = ['#status = :status', 'progress = :progress', 'updatedAt = :now', ...stamp.map((field) => `${field} = :now`)];
      Object.entries(fields).forEach(([field, value], i) => {
        names[`#f${i}`] = field;
        values[`:f${i}`] = value;
        sets.push(`#f${i} = :f${i}`);
      });
      await update(id, `SET ${sets.join(', ')}`, values, names);
    },
  };
}
