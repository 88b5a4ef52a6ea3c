import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, rateLimitKey } from '../keys.ts';

export interface RateLimitRepository {
  /** Counts one hit in the current window; `allowed` is false once `limit` hits were counted. */
  consume(key: string, limit: number, windowSeconds: number, now?: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export function createRateLimitRepository(client: DynamoDBDocumentClient, tableName: string): RateLimitRepository {
  return {
    async consume(key, limit, windowSeconds, now = new Date()) {
      const seconds = Math.floor(now.getTime() / 1000);
      const windowStart = seconds - (seconds % windowSeconds);
      const retryAfterSeconds = windowStart + windowSeconds - seconds;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: rateLimitKey(key, windowStart),
            UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD hits :one',
            ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
            ExpressionAttributeValues: { ':entity': ENTITY.rateLimit, ':expires': windowStart + windowSeconds * 2, ':one': 1, ':limit': limit },
          }),
        );
        return { allowed: true, retryAfterSeconds };
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return { allowed: false, retryAfterSeconds };
        throw error;
      }
    },
  };
}
