import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';

export interface HealthRepository {
  /** Answers whether the table can be read, and how long that took. */
  ping(): Promise<{ ok: true; latencyMs: number } | { ok: false; reason: string }>;
}

export function createHealthRepository(client: DynamoDBDocumentClient, tableName: string): HealthRepository {
  return {
    async ping() {
      const started = performance.now();
      try {
        await client.send(new GetCommand({ TableName: tableName, Key: keys.health() }), {
          abortSignal: AbortSignal.timeout(2_000),
        });
        return { ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.name : 'UnknownError' };
      }
    },
  };
}
