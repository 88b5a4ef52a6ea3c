import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ExportJobSchema, type ExportJob, type ExportProgress } from '@wardpulse/domain';
import { ENTITY, keys } from '../keys.ts';
import { auditItem } from './audit.ts';
import { jobStateUpdates } from './job-state.ts';

export type ExportOutcome = { status: 'succeeded'; bytes: number } | { status: 'failed'; error: { code: string; message: string } };

export interface ExportJobRepository {
  /**
   * Stores a queued job and its audit entry (who asked for what, with which filters) in one
   * transaction: an export is never requested without a trace, nor traced twice.
   */
  create(job: ExportJob): Promise<void>;
  get(id: string): Promise<ExportJob | null>;
  /** A survey's most recent export jobs, newest first. */
  listForSurvey(surveyId: string, limit: number): Promise<ExportJob[]>;
  /** Audits a download link given to `actor` (who, which export, when). */
  recordDownload(job: ExportJob, actor: string, at: string): Promise<void>;
  /** Moves a job from one status to another; false when it was not in `from` (someone else took it). */
  transition(id: string, from: ExportJob['status'], to: ExportJob['status']): Promise<boolean>;
  progress(id: string, progress: ExportProgress): Promise<void>;
  finish(id: string, outcome: ExportOutcome, progress: ExportProgress): Promise<void>;
}

export function createExportJobRepository(client: DynamoDBDocumentClient, tableName: string): ExportJobRepository {
  const state = jobStateUpdates<ExportJob, ExportJob['status'], ExportProgress>(client, tableName, keys.exportJob, ExportJobSchema);
  return {
    async create(job) {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.exportJob(job.id), gsi1pk: keys.exportJobsIndex(job.surveyId), gsi1sk: `${job.requestedAt}#${job.id}`, entity: ENTITY.exportJob, ...job },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: auditItem({ at: job.requestedAt, actor: job.requestedBy, action: 'export.requested', detail: { exportId: job.id, surveyId: job.surveyId, fileName: job.fileName, ...job.request } }),
              },
            },
          ],
        }),
      );
    },

    get: state.get,
    listForSurvey: (surveyId, limit) => state.newest(keys.exportJobsIndex(surveyId), limit),
    async recordDownload(job, actor, at) {
      await client.send(new PutCommand({ TableName: tableName, Item: auditItem({ at, actor, action: 'export.downloaded', detail: { exportId: job.id, surveyId: job.surveyId, fileName: job.fileName, kind: job.request.kind } }) }));
    },
    transition: state.transition,
    progress: state.progress,
    async finish(id, outcome, progress) {
      await state.finish(id, outcome.status === 'succeeded' ? { status: outcome.status, result: { bytes: outcome.bytes } } : outcome, progress, ['finishedAt']);
    },
  };
}
