import { randomUUID } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditEventSchema, type AuditEvent } from '@wardpulse/domain';
import { ENTITY, keys } from '../keys.ts';

/** Builds an audit item to write inside another transaction. */
export function auditItem(event: Omit<AuditEvent, 'id'>): Record<string, unknown> {
  const id = randomUUID();
  return { ...keys.audit(event.at, id), entity: ENTITY.audit, id, ...event };
}

export interface AuditRepository {
  /** The most recent events of one month (`YYYY-MM`), newest first. */
  listMonth(month: string, limit: number): Promise<AuditEvent[]>;
}

export function createAuditRepository(client: DynamoDBDocumentClient, tableName: string): AuditRepository {
  return {
    async listMonth(month, limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.auditMonth(month) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => AuditEventSchema.parse(item));
    },
  };
}
