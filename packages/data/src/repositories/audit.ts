import { randomUUID } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditEventSchema, ValidationError, type AuditEvent } from '@wardpulse/domain';
import { z } from 'zod';
import { ENTITY, keys } from '../keys.ts';

/** Builds an audit item to write inside another transaction. */
export function auditItem(event: Omit<AuditEvent, 'id'>): Record<string, unknown> {
  const id = randomUUID();
  return { ...keys.audit(event.at, id), entity: ENTITY.audit, id, ...event };
}

export interface AuditQuery {
  /** First day included, `YYYY-MM-DD` (UTC). */
  from: string;
  /** Last day included, `YYYY-MM-DD` (UTC). */
  to: string;
  /** Only this person's changes (their username, exactly). */
  actor?: string | undefined;
  /** Only this kind of change: the part of the action code before the dot (`survey`, `settings`…). */
  kind?: string | undefined;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface AuditPage {
  events: AuditEvent[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditRepository {
  /** The most recent events of one month (`YYYY-MM`), newest first. */
  listMonth(month: string, limit: number): Promise<AuditEvent[]>;
  /**
   * Events in a date range, newest first, filtered by person and kind, a page at a time. Each
   * month is one partition, so the range is read month by month with the day bounds on the sort
   * key; the person and kind filters run in DynamoDB (a filter expression), not in the API.
   */
  list(query: AuditQuery): Promise<AuditPage>;
}

/** The months a date range touches, newest first: `2026-11-03..2027-01-02` → 2027-01, 2026-12, 2026-11. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const last = from.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current < last) break;
    months.push(current);
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
}

/** A page link as the client hands it back: parsed, never trusted. */
const CursorSchema = z.object({ month: z.string(), key: z.object({ pk: z.string(), sk: z.string() }).strict().optional() });
type Cursor = z.infer<typeof CursorSchema>;

const encodeCursor = (cursor: { month: string; key?: Record<string, unknown> | undefined }) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string, months: readonly string[]): Cursor {
  try {
    const cursor = CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    const keyOk = cursor.key === undefined || cursor.key.pk === keys.auditMonth(cursor.month);
    if (typeof cursor.month === 'string' && months.includes(cursor.month) && keyOk) return cursor;
  } catch {
    // Falls through to the plain error below.
  }
  throw new ValidationError('The page link does not match these filters; go back to the first page of the audit trail.', [{ path: ['query', 'cursor'], message: 'Page link is out of date: go back to the first page.' }], 'request.invalid');
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

    async list({ from, to, actor, kind, limit, cursor }) {
      const months = monthsBetween(from, to);
      const start = cursor ? decodeCursor(cursor, months) : undefined;
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':lo': `${from}T00:00:00.000Z`, ':hi': `${to}T23:59:59.999Z\uffff` };
      if (actor) {
        filters.push('actor = :actor');
        values[':actor'] = actor;
      }
      if (kind) {
        filters.push('begins_with(#action, :kind)');
        values[':kind'] = `${kind}.`;
      }
      const events: AuditEvent[] = [];
      const first = start ? months.indexOf(start.month) : 0;
      for (let index = first; index < months.length; index++) {
        const month = months[index]!;
        let key: Record<string, unknown> | undefined = index === first ? start?.key : undefined;
        do {
          // Never read more than the page still needs, so the cursor is always DynamoDB's own.
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
              ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
              ...(kind ? { ExpressionAttributeNames: { '#action': 'action' } } : {}),
              ExpressionAttributeValues: { ...values, ':pk': keys.auditMonth(month) },
              ScanIndexForward: false,
              Limit: limit - events.length,
              ExclusiveStartKey: key,
            }),
          );
          events.push(...(page.Items ?? []).map((item) => AuditEventSchema.parse(item)));
          key = page.LastEvaluatedKey;
          if (events.length >= limit) {
            const next = key ? { month, key } : months[index + 1] ? { month: months[index + 1]! } : null;
            return { events, nextCursor: next ? encodeCursor(next) : null };
          }
        } while (key);
      }
      return { events, nextCursor: null };
    },
  };
}
