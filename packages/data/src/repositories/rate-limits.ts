import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENTITY, rateLimitKey } from '../keys.ts';

export interface RateLimitRepository {
  /** Counts one hit in the current window; `allowed` is false once `limit` hits were counted. */
  consume(key: string, limit: number, windowSeconds: number, now?: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

/** One hit against an allowance: `key` (already an HMAC, never an address), at most `limit` a window. */
export interface Allowance {
  key: string;
  limit: number;
  windowSeconds: number;
  now?: Date;
}

/**
 * The conditional update that counts one hit in the allowance's current window, refused once
 * `limit` were counted: on its own (`consume`) or as one item of a transaction that stores
 * something only if the allowance lets it (a response and its counters, in one write).
 */
export function allowanceUpdate(tableName: string, { key, limit, windowSeconds, now = new Date() }: Allowance) {
  const seconds = Math.floor(now.getTime() / 1000);
  const windowStart = seconds - (seconds % windowSeconds);
  return {
    retryAfterSeconds: windowStart + windowSeconds - seconds,
    update: {
      TableName: tableName,
      Key: rateLimitKey(key, windowStart),
      UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD hits :one',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: { ':entity': ENTITY.rateLimit, ':expires': windowStart + windowSeconds * 2, ':one': 1, ':limit': limit },
    },
  };
}

export function createRateLimitRepository(client: DynamoDBDocumentClient, tableName: string): RateLimitRepository {
  return {
    async consume(key, limit, windowSeconds, now = new Date()) {
      const { update, retryAfterSeconds } = allowanceUpdate(tableName, { key, limit, windowSeconds, now });
      try {
        await client.send(new UpdateCommand(update));
        return { allowed: true, retryAfterSeconds };
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return { allowed: false, retryAfterSeconds };
        throw error;
      }
    },
  };
}
