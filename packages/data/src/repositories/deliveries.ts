import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { isConditionalFailure } from '../conditions.ts';
import { retryContention } from '../retry.ts';
import { CONTACT_ENTITY, contactKeys } from '../contacts-table.ts';
import { ENTITY, keys } from '../keys.ts';

/**
 * One message × recipient. The record is written before the e-mail is handed to the provider and
 * is what makes a send idempotent and resumable:
 * - `queued`  recorded (and counted in `recipients`), never handed over: a resumed job sends it;
 * - `sending` claimed by a worker that is handing it over now; if the worker died mid-call nobody
 *             can tell whether the provider took it, so a resumed job marks it `unknown` and
 *             never sends it again (each recipient at most once);
 * - `sent`    the provider accepted it;
 * - `failed`  the provider refused it for good (bad address, rejected): taken off `recipients`;
 * - `unknown` see `sending`; still counted as a recipient, since they may have it and rate it.
 */
export const DeliveryStateSchema = z.enum(['queued', 'sending', 'sent', 'failed', 'unknown']);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

export const DeliverySchema = z.object({
  messageId: z.string(),
  /** The random id of the contact: after "delete my data" it points at nothing. */
  contactId: z.string(),
  wardCode: z.string(),
  /** The recipient's pseudonym for this message (the `rater` of their signed link). */
  rater: z.string(),
  state: DeliveryStateSchema,
  queuedAt: z.string(),
  attemptedAt: z.string().optional(),
  sentAt: z.string().optional(),
  providerMessageId: z.string().optional(),
  failure: z.string().optional(),
  failedAt: z.string().optional(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export interface DeliveryRepository {
  /** Every delivery record of a message, page by page. */
  list(messageId: string): AsyncGenerator<Delivery[]>;
  /**
   * Records `queued` deliveries and adds each to `recipients` of its ward in the message's
   * aggregates (main table), in one transaction per call: a recipient already recorded is left
   * out, so each is counted exactly once whatever is retried. At most 25 a call. Returns the new ones.
   */
  record(deliveries: readonly Delivery[]): Promise<Delivery[]>;
  /** `queued` → `sending`; false when someone else claimed it first. */
  claim(messageId: string, contactId: string, at: string): Promise<boolean>;
  /** `sending` → `sent`. */
  markSent(messageId: string, contactId: string, providerMessageId: string, at: string): Promise<void>;
  /** `sending` → `queued`: the provider certainly did not take it (throttled, job stopping). */
  release(messageId: string, contactId: string): Promise<void>;
  /** `sending` → `failed`, and off the ward's `recipients`, in one transaction. */
  markFailed(delivery: Pick<Delivery, 'messageId' | 'contactId' | 'wardCode'>, reason: string, at: string): Promise<void>;
  /** `sending` since `attemptedAt` → `unknown`; false if it moved on meanwhile (a live worker finished it). */
  markUnknown(messageId: string, contactId: string, attemptedAt: string, reason: string): Promise<boolean>;
}

const MAX_RECORD = 25;

export function createDeliveryRepository(client: DynamoDBDocumentClient, contactsTable: string, mainTable: string): DeliveryRepository {
  const recipientsUpdate = (messageId: string, wardCode: string, change: number) => ({
    TableName: mainTable,
    Key: keys.messageAggregate(messageId, wardCode),
    UpdateExpression: 'SET entity = :entity ADD recipients :n',
    ExpressionAttributeValues: { ':entity': ENTITY.messageAggregate, ':n': change },
  });

  const transition = async (messageId: string, contactId: string, from: DeliveryState, set: Record<string, unknown>, extraCondition?: { expression: string; values: Record<string, unknown> }) => {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = { ':from': from, ...(extraCondition?.values ?? {}) };
    const parts = Object.entries(set).map(([name, value], index) => {
      names[`#s${index}`] = name;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    try {
      await retryContention(() =>
        client.send(
          new UpdateCommand({
            TableName: contactsTable,
            Key: contactKeys.delivery(messageId, contactId),
            UpdateExpression: `SET ${parts.join(', ')}`,
            ConditionExpression: `#state = :from${extraCondition ? ` AND ${extraCondition.expression}` : ''}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  };

  return {
    async *list(messageId) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: contactsTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': contactKeys.deliveries(messageId) }, ExclusiveStartKey, ConsistentRead: true }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
        yield (page.Items ?? []).map((item) => {
          const { pk: _pk, sk: _sk, entity: _e, ...delivery } = item;
          return DeliverySchema.parse(delivery);
        });
      } while (ExclusiveStartKey);
    },

    async record(deliveries) {
      if (deliveries.length > MAX_RECORD) throw new Error(`record() takes at most ${MAX_RECORD} deliveries`);
      let pending = [...new Map(deliveries.map((d) => [d.contactId, d])).values()];
      while (pending.length > 0) {
        const wards = new Map<string, number>();
        for (const delivery of pending) wards.set(delivery.wardCode, (wards.get(delivery.wardCode) ?? 0) + 1);
        const batch = pending;
        try {
          await retryContention(() =>
            client.send(
              new TransactWriteCommand({
                TransactItems: [
                  ...batch.map((delivery) => ({
                    Put: {
                      TableName: contactsTable,
                      Item: { ...contactKeys.delivery(delivery.messageId, delivery.contactId), entity: CONTACT_ENTITY.delivery, ...delivery },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  })),
                  ...[...wards].map(([wardCode, count]) => ({ Update: recipientsUpdate(batch[0]!.messageId, wardCode, count) })),
                ],
              }),
            ),
          );
          return batch;
        } catch (error) {
          if (!isConditionalFailure(error)) throw error;
          // Leave out the recipients already recorded (their puts failed) and try the rest again.
          const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
          const taken = new Set(reasons.flatMap((reason, index) => (index < batch.length && reason.Code === 'ConditionalCheckFailed' ? [index] : [])));
          if (taken.size === 0) throw error;
          pending = batch.filter((_, index) => !taken.has(index));
        }
      }
      return [];
    },

    claim: (messageId, contactId, at) => transition(messageId, contactId, 'queued', { state: 'sending', attemptedAt: at }),

    async markSent(messageId, contactId, providerMessageId, at) {
      await transition(messageId, contactId, 'sending', { state: 'sent', sentAt: at, providerMessageId });
    },

    async release(messageId, contactId) {
      await transition(messageId, contactId, 'sending', { state: 'queued' });
    },

    async markFailed(delivery, reason, at) {
      try {
        await retryContention(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: contactsTable,
                    Key: contactKeys.delivery(delivery.messageId, delivery.contactId),
                    UpdateExpression: 'SET #state = :failed, failure = :reason, failedAt = :at',
                    ConditionExpression: '#state = :sending',
                    ExpressionAttributeNames: { '#state': 'state' },
                    ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending', ':reason': reason, ':at': at },
                  },
                },
                { Update: recipientsUpdate(delivery.messageId, delivery.wardCode, -1) },
              ],
            }),
          ),
        );
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
    },

    markUnknown: (messageId, contactId, attemptedAt, reason) =>
      transition(messageId, contactId, 'sending', { state: 'unknown', failure: reason }, { expression: 'attemptedAt = :attempted', values: { ':attempted': attemptedAt } }),
  };
}
