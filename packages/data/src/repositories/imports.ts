import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ImportJobSchema, type ImportJob, type ImportProgress } from '@wardpulse/domain';
import { ENTITY, keys } from '../keys.ts';

export interface ImportJobRepository {
  create(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /** The most recent jobs, newest first. */
  listRecent(limit: number): Promise<ImportJob[]>;
  /** Moves a job from one status to another; false when it was not in `from` (someone else took it). */
  transition(id: string, from: ImportJob['status'], to: ImportJob['status']): Promise<boolean>;
  progress(id: string, progress: ImportProgress): Promise<void>;
  finish(id: string, outcome: { status: 'succeeded'; report: Record<string, unknown> } | { status: 'failed'; error: { code: string; message: string } }, progress: ImportProgress): Promise<void>;
}

export function createImportJobRepository(client: DynamoDBDocumentClient, tableName: string): ImportJobRepository {
  return {
    async create(job) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.importJob(job.id), gsi1pk: keys.importJobsIndex(), gsi1sk: `${job.createdAt}#${job.id}`, entity: ENTITY.importJob, ...job },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.importJob(id), ConsistentRead: true }));
      return Item ? ImportJobSchema.parse(Item) : null;
    },

    async listRecent(limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.importJobsIndex() },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => ImportJobSchema.parse(item));
    },

    async transition(id, from, to) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.importJob(id),
            UpdateExpression: 'SET #status = :to, updatedAt = :now',
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': to, ':from': from, ':now': new Date().toISOString() },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async progress(id, progress) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.importJob(id),
          UpdateExpression: 'SET progress = :progress, updatedAt = :now',
          ExpressionAttributeValues: { ':progress': progress, ':now': new Date().toISOString() },
        }),
      );
    },

    async finish(id, outcome, progress) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.importJob(id),
          UpdateExpression: `SET #status = :status, progress = :progress, updatedAt = :now, ${outcome.status === 'succeeded' ? 'report = :detail' : '#error = :detail'}`,
          ExpressionAttributeNames: { '#status': 'status', ...(outcome.status === 'failed' ? { '#error': 'error' } : {}) },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':progress': progress,
            ':now': new Date().toISOString(),
            ':detail': outcome.status === 'succeeded' ? outcome.report : outcome.error,
          },
        }),
      );
    },
  };
}
