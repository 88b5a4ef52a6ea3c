import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ImportJobSchema, type ImportJob, type ImportProgress } from '@wardpulse/domain';
import { ENTITY, keys } from '../keys.ts';
import { jobStateUpdates } from './job-state.ts';

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
  const state = jobStateUpdates<ImportJob, ImportJob['status'], ImportProgress>(client, tableName, keys.importJob, ImportJobSchema);
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

    get: state.get,
    listRecent: (limit) => state.newest(keys.importJobsIndex(), limit),
    transition: state.transition,
    progress: state.progress,
    async finish(id, outcome, progress) {
      await state.finish(id, outcome.status === 'succeeded' ? { status: outcome.status, result: { report: outcome.report } } : outcome, progress);
    },
  };
}
