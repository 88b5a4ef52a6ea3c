import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ShareChannelSchema, UnavailableError, type Counters, type ShareChannel } from '@wardpulse/domain';
import { z } from 'zod';
import { batchPut } from '../batch.ts';
import { isConditionalFailure } from '../conditions.ts';
import { countersOf } from '../items.ts';
import { ENTITY, keys } from '../keys.ts';
import { retryContention } from '../retry.ts';

/**
 * Residents' engagement with community messages: views, ratings, replies and shares, each
 * recorded at most once (by a key the client or the rater decides) together with the counters
 * on the message × ward aggregate, in one transaction. No item names a contact: raters are
 * per-message pseudonyms from the recipient link or a device id, viewers a salted daily hash.
 *
 * Counters on `messageAggregate(messageId, ward)` (ward `none` when unknown):
 * - `recipients`: deliveries (added by the send job)
 * - `views`: distinct viewers per day
 * - `ratings`, `r1`…`r5`, `stars`: raters, raters per star, sum of stars (a changed rating moves
 *   between buckets, so each rater counts once)
 * - `replies`, `s#positive|neutral|negative`, `s#sum`: replies and their sentiment
 * - `followups`, `followups_done`: replies flagged for follow-up, and those marked done
 * - `shares`, `sh#<channel>`: shares by channel
 */
export const MESSAGE_COUNTERS = ['recipients', 'views', 'ratings', 'r1', 'r2', 'r3', 'r4', 'r5', 'stars', 'replies', 'followups', 'followups_done', 'shares'] as const;


export const StoredReplySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  rater: z.string(),
  wardCode: z.string(),
  text: z.string(),
  sentiment: z.object({ score: z.number(), label: z.enum(['positive', 'neutral', 'negative']) }),
  needsFollowUp: z.boolean(),
  /** Why it was flagged, e.g. `negative`, `question`, `keyword:urgent`. */
  followUpReasons: z.array(z.string()),
  followUpDoneAt: z.string().optional(),
  followUpDoneBy: z.string().optional(),
  receivedAt: z.string(),
});
export type StoredReply = z.infer<typeof StoredReplySchema>;

export interface StoredShare {
  id: string;
  messageId: string;
  rater: string;
  wardCode: string;
  channel: ShareChannel;
  sharedAt: string;
}

export interface RatingOutcome {
  stars: number;
  /** The rater's stars before this request, or null for a first rating. */
  previous: number | null;
  /** False when the same rating was already counted (a retry, or the same star tapped again). */
  changed: boolean;
}

export interface MessageEngagementRepository {
  /** Counters of one message: ward → counters. */
  aggregates(messageId: string): Promise<Map<string, Counters>>;
  /** Adds to a ward's counters (the send job's `recipients`). */
  addCounters(messageId: string, wardCode: string, counters: Counters): Promise<void>;
  /** Overwrites whole aggregate items of many messages (synthetic demo data only). */
  putAggregates(messages: readonly { messageId: string; byWard: ReadonlyMap<string, Counters> }[]): Promise<void>;
  /** Writes reply items without counting them (synthetic demo data only: its aggregates are put whole). */
  putReplies(replies: readonly StoredReply[], expiresAt: number): Promise<void>;
  /** Counts a view once per viewer hash and day; false if this viewer was already counted. */
  recordView(input: { messageId: string; wardCode: string; day: string; viewer: string; expiresAt: number }): Promise<boolean>;
  /** First rating or a change of stars, counted once per rater; retries change nothing. */
  rate(input: { messageId: string; rater: string; wardCode: string; stars: number; at: string }): Promise<RatingOutcome>;
  /** Stores a reply once per id; a retry returns it (`replayed`), another body under the id is 409. */
  reply(reply: StoredReply, expiresAt: number): Promise<{ reply: StoredReply; replayed: boolean }>;
  /** Every reply to a message (staff only), oldest first. */
  listReplies(messageId: string): Promise<StoredReply[]>;
  /** Marks a flagged reply's follow-up done (or not yet); idempotent. */
  setFollowUpDone(messageId: string, replyId: string, done: boolean, actor: string, at: string): Promise<StoredReply>;
  /** Counts a share once per id; a retry is `replayed`, another channel under the id is 409. */
  share(share: StoredShare): Promise<{ replayed: boolean }>;
}

/** `ADD #a0 :v0, …` for a set of counters, setting the entity on first write. */
function addCounters(counters: Counters) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':entity': ENTITY.messageAggregate };
  const parts = Object.entries(counters).map(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:v${index}`] = value;
    return `#a${index} :v${index}`;
  });
  return { UpdateExpression: `SET entity = :entity ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** A rater's rating as stored (the fields a change reads back). */
const RatingItemSchema = z.object({ stars: z.number().int().min(1).max(5), wardCode: z.string() });

const round = (value: number) => Math.round(value * 1000) / 1000;

export function createMessageEngagementRepository(client: DynamoDBDocumentClient, tableName: string): MessageEngagementRepository {
  /** Runs a write under the retry policy (retry.ts); a 503 the resident can act on once it runs out. */
  const withRetries = <T>(write: () => Promise<T>): Promise<T> =>
    retryContention(write, () => new UnavailableError('We are very busy right now; please try again in a moment.', 'message.busy'));

  const aggregateUpdate = (messageId: string, wardCode: string, counters: Counters) => ({
    Update: { TableName: tableName, Key: keys.messageAggregate(messageId, wardCode), ...addCounters(counters) },
  });

  async function getReply(messageId: string, id: string): Promise<StoredReply | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.messageReply(messageId, id), ConsistentRead: true }));
    return Item ? StoredReplySchema.parse(Item) : null;
  }

  return {
    async aggregates(messageId) {
      const byWard = new Map<string, Counters>();
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.messageAggregatePartition(messageId) }, ExclusiveStartKey }),
        );
        for (const item of page.Items ?? []) byWard.set(String(item.sk).replace(/^WARD#/, ''), countersOf(item));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return byWard;
    },

    async addCounters(messageId, wardCode, counters) {
      if (Object.keys(counters).length === 0) return;
      await withRetries(() => client.send(new UpdateCommand({ TableName: tableName, Key: keys.messageAggregate(messageId, wardCode), ...addCounters(counters) })));
    },

    async putAggregates(messages) {
      const items = messages.flatMap(({ messageId, byWard }) => [...byWard].map(([wardCode, counters]) => ({ ...keys.messageAggregate(messageId, wardCode), entity: ENTITY.messageAggregate, ...counters })));
      await batchPut(client, tableName, items, 8);
    },

    async putReplies(replies, expiresAt) {
      await batchPut(client, tableName, replies.map((reply) => ({ ...keys.messageReply(reply.messageId, reply.id), entity: ENTITY.messageReply, expiresAt, ...reply })), 8);
    },

    async recordView({ messageId, wardCode, day, viewer, expiresAt }) {
      try {
        await withRetries(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tableName, Item: { ...keys.messageView(messageId, day, viewer), entity: ENTITY.messageView, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
                aggregateUpdate(messageId, wardCode, { views: 1 }),
              ],
            }),
          ),
        );
        return true;
      } catch (error) {
        if (isConditionalFailure(error)) return false;
        throw error;
      }
    },

    async rate({ messageId, rater, wardCode, stars, at }) {
      const key = keys.messageRating(messageId, rater);
      // A concurrent first rating or change by the same rater fails our condition: read again and redo.
      for (let attempt = 0; attempt < 5; attempt++) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        const stored = Item ? RatingItemSchema.parse(Item) : null;
        const previous = stored?.stars ?? null;
        if (previous === stars) return { stars, previous, changed: false };
        // The rating stays in the ward it was first counted in, so buckets always balance.
        const ward = stored?.wardCode ?? wardCode;
        const write =
          previous === null
            ? [
                { Put: { TableName: tableName, Item: { ...key, entity: ENTITY.messageRating, messageId, rater, wardCode: ward, stars, ratedAt: at, updatedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
                aggregateUpdate(messageId, ward, { ratings: 1, [`r${stars}`]: 1, stars }),
              ]
            : [
                {
                  Update: {
                    TableName: tableName,
                    Key: key,
                    UpdateExpression: 'SET stars = :stars, updatedAt = :at',
                    ConditionExpression: 'stars = :previous',
                    ExpressionAttributeValues: { ':stars': stars, ':at': at, ':previous': previous },
                  },
                },
                aggregateUpdate(messageId, ward, { [`r${stars}`]: 1, [`r${previous}`]: -1, stars: stars - previous }),
              ];
        try {
          await withRetries(() => client.send(new TransactWriteCommand({ TransactItems: write })));
          return { stars, previous, changed: true };
        } catch (error) {
          if (!isConditionalFailure(error)) throw error;
        }
      }
      throw new UnavailableError('Your rating is being changed from another tab or device; try again.', 'message.rating_contended');
    },

    async reply(reply, expiresAt) {
      const counters: Counters = { replies: 1, [`s#${reply.sentiment.label}`]: 1, 's#sum': round(reply.sentiment.score), ...(reply.needsFollowUp ? { followups: 1 } : {}) };
      try {
        await withRetries(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tableName, Item: { ...keys.messageReply(reply.messageId, reply.id), entity: ENTITY.messageReply, expiresAt, ...reply }, ConditionExpression: 'attribute_not_exists(pk)' } },
                aggregateUpdate(reply.messageId, reply.wardCode, counters),
              ],
            }),
          ),
        );
        return { reply, replayed: false };
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
        const existing = await getReply(reply.messageId, reply.id);
        if (existing && existing.text === reply.text && existing.rater === reply.rater) return { reply: existing, replayed: true };
        throw new ConflictError('A different reply was already received with this id.', 'reply.id_reused');
      }
    },

    async listReplies(messageId) {
      const replies: StoredReply[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reply)',
            ExpressionAttributeValues: { ':pk': keys.messageEngagementPartition(messageId), ':reply': 'REPLY#' },
            ExclusiveStartKey,
          }),
        );
        replies.push(...(page.Items ?? []).map((item) => StoredReplySchema.parse(item)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return replies.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    },

    async setFollowUpDone(messageId, replyId, done, actor, at) {
      const current = await getReply(messageId, replyId);
      if (!current) throw new NotFoundError('No such reply to this message.', 'reply.not_found');
      if (!current.needsFollowUp) throw new ConflictError('This reply was not flagged for follow-up.', 'reply.no_follow_up');
      if (Boolean(current.followUpDoneAt) === done) return current;
      const key = keys.messageReply(messageId, replyId);
      const update = done
        ? { UpdateExpression: 'SET followUpDoneAt = :at, followUpDoneBy = :by', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(followUpDoneAt)', ExpressionAttributeValues: { ':at': at, ':by': actor } }
        : { UpdateExpression: 'REMOVE followUpDoneAt, followUpDoneBy', ConditionExpression: 'attribute_exists(followUpDoneAt)' };
      try {
        await withRetries(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [{ Update: { TableName: tableName, Key: key, ...update } }, aggregateUpdate(messageId, current.wardCode, { followups_done: done ? 1 : -1 })],
            }),
          ),
        );
      } catch (error) {
        // Someone else made the same change first: the outcome asked for holds.
        if (!isConditionalFailure(error)) throw error;
      }
      return (await getReply(messageId, replyId)) ?? current;
    },

    async share(share) {
      const channel = ShareChannelSchema.parse(share.channel);
      try {
        await withRetries(() =>
          client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: tableName, Item: { ...keys.messageShare(share.messageId, share.id), entity: ENTITY.messageShare, ...share }, ConditionExpression: 'attribute_not_exists(pk)' } },
                aggregateUpdate(share.messageId, share.wardCode, { shares: 1, [`sh#${channel}`]: 1 }),
              ],
            }),
          ),
        );
        return { replayed: false };
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.messageShare(share.messageId, share.id), ConsistentRead: true }));
        if (Item && Item.channel === channel && Item.rater === share.rater) return { replayed: true };
        throw new ConflictError('A different share was already recorded with this id.', 'share.id_reused');
      }
    },
  };
}
