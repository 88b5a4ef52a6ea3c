import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AnswersSchema, ConflictError, mergeCounters, UnavailableError, type Counters, type DeltaPart } from '@wardpulse/domain';
import { z } from 'zod';
import { batchPut } from '../batch.ts';
import { conditionFailedAt } from '../conditions.ts';
import { countersOf, withoutKeys } from '../items.ts';
import { AGGREGATE_SHARDS, ENTITY, keys } from '../keys.ts';
import { retryContention } from '../retry.ts';
import { readVersionInOrder, type ReadVersionOptions } from './response-scan.ts';
import { allowanceUpdate, type Allowance } from './rate-limits.ts';

/** The ward bucket for responses without a location answer. */
export const NO_WARD = 'none';

/** A response as stored. Only the ward is kept, never a postcode, IP address or device data. */
export const StoredResponseSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  version: z.number().int(),
  locale: z.string(),
  answers: AnswersSchema,
  wardCode: z.string().nullable(),
  /** Kept but flagged: a ward outside the survey's targeting, or a bot caught by the honeypot. */
  flags: z.array(z.string()),
  submittedAt: z.string(),
  /** SHA-256 of the canonical submission, to tell a retry from a different body under the same id. */
  bodyHash: z.string(),
  shard: z.number().int(),
});
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

const parseResponse = (item: Record<string, unknown>): StoredResponse => StoredResponseSchema.parse(withoutKeys(item));

export interface Receipt {
  id: string;
  receivedAt: string;
  wardCode: string | null;
}

/**
 * Conditions checked in the same transaction as the write, so a submission needs no reads first:
 * the transaction stores nothing unless each holds. A replay (this id already stored) is answered
 * before either is looked at.
 */
export interface SubmitGuards {
  /**
   * The survey still takes this version: not closed, published, and this version the published
   * one or the survey still published (residents part-way through an earlier version may finish).
   * Refused as `SubmitRefusedError('survey')`.
   */
  openVersion?: true;
  /** Counts the submission against an allowance; refused once it is used up, as `SubmitRefusedError('allowance')`. */
  allowance?: Allowance;
}

/** A guarded submission the transaction refused (nothing was stored), and which guard refused it. */
export class SubmitRefusedError extends Error {
  constructor(
    readonly guard: 'survey' | 'allowance',
    readonly retryAfterSeconds = 0,
  ) {
    super(guard === 'survey' ? 'The survey no longer takes this version.' : 'The allowance for this submission is used up.');
    this.name = 'SubmitRefusedError';
  }
}

export interface ResponseRepository {
  /**
   * Stores a response exactly once with its aggregate counters, in one transaction. A retry of the
   * same id and body returns the first receipt (`replayed`) and changes nothing; a different body
   * under a used id is a ConflictError. Throttling is retried with jitter, then UnavailableError.
   * `parts` are the response's counters already split by the survey's layout (`splitDeltas`), so
   * no update passes DynamoDB's expression or item limits. The response expires at `expiresAt`;
   * its receipt (id, body hash, ward) does not, so a retry that arrives after the answers have
   * gone is still a replay, not a second count.
   */
  submit(response: StoredResponse, parts: readonly DeltaPart[], expiresAt: number, guards?: SubmitGuards): Promise<{ receipt: Receipt; replayed: boolean }>;
  /**
   * The first receipt of a response stored before under this id with this body (`replayed`), or
   * null if nothing was stored under it; a ConflictError if a different body was.
   */
  replay(response: Pick<StoredResponse, 'id' | 'bodyHash'>): Promise<{ receipt: Receipt; replayed: true } | null>;
  get(id: string): Promise<StoredResponse | null>;
  /** Aggregates of one version, shards merged: ward → counters (and equality breakdowns). */
  aggregates(surveyId: string, version: number): Promise<{ main: Map<string, Counters>; breakdown: Map<string, Counters> }>;
  /** Every raw response of a version (for recounts and exports), page by page. */
  scanVersion(surveyId: string, version: number): AsyncGenerator<StoredResponse[]>;
  /**
   * Every raw response of a version in arrival order (submitted time, then id), in batches, for
   * exports: the shards are read side by side, a bounded number of pages ahead of the consumer.
   */
  readVersion(surveyId: string, version: number, options?: ReadVersionOptions): AsyncGenerator<StoredResponse[]>;
  /**
   * Stores responses in bulk, without aggregates or idempotency checks (a put overwrites by id):
   * for loading responses gathered elsewhere, such as synthetic data sets, before a recount.
   */
  putMany(responses: readonly StoredResponse[], concurrency?: number): Promise<void>;
}

/**
 * `ADD #0 :1, #1 :v1 …` for a set of counters, sharing one value for the common `1`: at most 12
 * characters a term, so the domain's `CAPACITY.termsPerUpdate` keeps it under DynamoDB's 4 KB.
 */
function addExpression(counters: Counters) {
  const names: Record<string, string> = {};
  const values: Record<string, number | string> = { ':entity': ENTITY.aggregate };
  const parts = Object.entries(counters).map(([name, value], index) => {
    names[`#${index}`] = name;
    if (value === 1) {
      values[':1'] = 1;
      return `#${index} :1`;
    }
    values[`:v${index}`] = value;
    return `#${index} :v${index}`;
  });
  return { UpdateExpression: `SET entity = :entity ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** A response as stored: its keys, its place in the version's index, and the response itself. */
const ReceiptItemSchema = z.object({ bodyHash: z.string(), receivedAt: z.string(), wardCode: z.string().nullable() });

const responseItem = (response: StoredResponse) => ({
  ...keys.response(response.id),
  gsi1pk: keys.responsesIndex(response.surveyId, response.version, response.shard),
  gsi1sk: `${response.submittedAt}#${response.id}`,
  entity: ENTITY.response,
  ...response,
});

export function createResponseRepository(client: DynamoDBDocumentClient, tableName: string): ResponseRepository {
  /** The receipt of a counted id; for responses stored before receipts existed, the response itself. */
  async function firstReceipt(id: string) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.responseReceipt(id), ConsistentRead: true }));
    if (Item) return ReceiptItemSchema.parse(Item);
    const existing = await repository.get(id);
    return existing && { bodyHash: existing.bodyHash, receivedAt: existing.submittedAt, wardCode: existing.wardCode };
  }

  const repository: ResponseRepository = {
    async putMany(responses, concurrency = 8) {
      await batchPut(client, tableName, responses.map(responseItem), concurrency);
    },
    async submit(response, parts, expiresAt, guards = {}) {
      const ward = response.wardCode ?? NO_WARD;
      const allowance = guards.allowance && allowanceUpdate(tableName, guards.allowance);
      const guardItems = [
        ...(guards.openVersion
          ? [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.survey(response.surveyId),
                  // openState and the version rule of the survey service, as a condition.
                  ConditionExpression: '#status <> :closed AND publishedVersion > :zero AND (publishedVersion = :version OR #status = :published)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':closed': 'closed', ':published': 'published', ':zero': 0, ':version': response.version },
                },
              },
            ]
          : []),
        ...(allowance ? [{ Update: allowance.update }] : []),
      ];
      const transaction = new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...responseItem(response), expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.responseReceipt(response.id), entity: ENTITY.responseReceipt, bodyHash: response.bodyHash, receivedAt: response.submittedAt, wardCode: response.wardCode },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...guardItems,
          ...parts
            .filter((part) => Object.keys(part.counters).length > 0)
            .map((part) => ({ Update: { TableName: tableName, Key: keys.aggregate(response.surveyId, response.version, ward, response.shard, part.part), ...addExpression(part.counters) } })),
        ],
      });
      try {
        await retryContention(
          () => client.send(transaction),
          () => new UnavailableError('We are very busy right now; your answers are safe on your device and will be sent again shortly.', 'response.busy'),
        );
        return { receipt: { id: response.id, receivedAt: response.submittedAt, wardCode: response.wardCode }, replayed: false };
      } catch (error) {
        // The response or its receipt exists: this id was counted before, whatever the guards say.
        if (conditionFailedAt(error, 0, 1)) {
          const replayed = await repository.replay(response);
          if (replayed) return replayed;
          throw new ConflictError('A different response was already received with this id. Start the survey again to answer afresh.', 'response.id_reused');
        }
        if (guards.openVersion && conditionFailedAt(error, 2)) throw new SubmitRefusedError('survey');
        if (allowance && conditionFailedAt(error, guardItems.length + 1)) throw new SubmitRefusedError('allowance', allowance.retryAfterSeconds);
        throw error;
      }
    },

    async replay(response) {
      const first = await firstReceipt(response.id);
      if (first && first.bodyHash === response.bodyHash) {
        return { receipt: { id: response.id, receivedAt: first.receivedAt, wardCode: first.wardCode }, replayed: true };
      }
      if (!first) return null;
      throw new ConflictError('A different response was already received with this id. Start the survey again to answer afresh.', 'response.id_reused');
    },

    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.response(id), ConsistentRead: true }));
      return Item ? parseResponse(Item) : null;
    },

    async aggregates(surveyId, version) {
      const main = new Map<string, Counters>();
      const breakdown = new Map<string, Counters>();
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.aggregatePartition(surveyId, version) }, ExclusiveStartKey }),
        );
        for (const item of page.Items ?? []) {
          const [, ward = NO_WARD, , x] = String(item.sk).split('#');
          const target = x === 'X' ? breakdown : main;
          target.set(ward, mergeCounters(target.get(ward) ?? {}, countersOf(item)));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return { main, breakdown };
    },

    readVersion(surveyId, version, options) {
      return readVersionInOrder(client, tableName, surveyId, version, (item) => StoredResponseSchema.parse(item), options);
    },

    async *scanVersion(surveyId, version) {
      for (let shard = 0; shard < AGGREGATE_SHARDS; shard++) {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.responsesIndex(surveyId, version, shard) },
              ExclusiveStartKey,
              Limit: 500,
            }),
          );
          ExclusiveStartKey = page.LastEvaluatedKey;
          yield (page.Items ?? []).map(parseResponse);
        } while (ExclusiveStartKey);
      }
    },
  };
  return repository;
}
