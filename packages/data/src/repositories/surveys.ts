import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, SurveySchema, SurveyVersionSchema, type Survey, type SurveyVersion } from '@wardpulse/domain';
import { isConditionalFailure } from '../conditions.ts';
import { ENTITY, keys } from '../keys.ts';
import { auditItem } from './audit.ts';

export interface SurveyRepository {
  /** Creates a survey and reserves its slug; 409 if the slug is taken. */
  create(survey: Survey): Promise<void>;
  get(id: string): Promise<Survey | null>;
  list(): Promise<Survey[]>;
  /** Replaces the survey record if `expectedRevision` is current (drafts, settings, close). */
  update(next: Survey, expectedRevision: number, audit?: { action: string; actor: string; detail: Record<string, unknown> }): Promise<void>;
  /** Freezes a version and points the survey at it, in one transaction. */
  publish(next: Survey, expectedRevision: number, version: SurveyVersion): Promise<void>;
  getVersion(id: string, version: number): Promise<SurveyVersion | null>;
  listVersions(id: string): Promise<SurveyVersion[]>;
  /** The survey behind a public slug (`/s/<slug>`). */
  bySlug(slug: string): Promise<Survey | null>;
}


export function createSurveyRepository(client: DynamoDBDocumentClient, tableName: string): SurveyRepository {
  const surveyItem = (survey: Survey) => ({ ...keys.survey(survey.id), gsi1pk: keys.surveysIndex(), gsi1sk: `${survey.updatedAt}#${survey.id}`, entity: ENTITY.survey, ...survey });

  return {
    async create(survey) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: surveyItem(survey), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: { ...keys.surveySlug(survey.slug), entity: ENTITY.surveySlug, surveyId: survey.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: auditItem({ at: survey.createdAt, actor: survey.createdBy, action: 'survey.created', detail: { surveyId: survey.id, name: survey.draft?.title.en ?? survey.slug, slug: survey.slug, kind: survey.kind } }) } },
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError(`The link name "${survey.slug}" is already used by another survey; choose another.`, 'survey.slug_taken');
        throw error;
      }
    },

    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.survey(id), ConsistentRead: true }));
      return Item ? SurveySchema.parse(Item) : null;
    },

    async list() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.surveysIndex() }, ScanIndexForward: false, ExclusiveStartKey }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items.map((item) => SurveySchema.parse(item));
    },

    async update(next, expectedRevision, audit) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: surveyItem(next), ConditionExpression: 'revision = :expected', ExpressionAttributeValues: { ':expected': expectedRevision } } },
              ...(audit ? [{ Put: { TableName: tableName, Item: auditItem({ at: next.updatedAt, actor: audit.actor, action: audit.action, detail: { surveyId: next.id, ...(next.draft ? { name: next.draft.title.en } : {}), ...audit.detail } }) } }] : []),
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('Someone else changed this survey since you opened it; reload to see their changes.', 'survey.revision_conflict');
        throw error;
      }
    },

    async publish(next, expectedRevision, version) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: surveyItem(next), ConditionExpression: 'revision = :expected', ExpressionAttributeValues: { ':expected': expectedRevision } } },
              { Put: { TableName: tableName, Item: { ...keys.surveyVersion(version.surveyId, version.version), entity: ENTITY.surveyVersion, ...version }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: auditItem({ at: version.publishedAt, actor: version.publishedBy, action: 'survey.published', detail: { surveyId: version.surveyId, name: version.content.title.en, version: version.version } }) } },
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('This survey changed or was published by someone else since you opened it; reload.', 'survey.revision_conflict');
        throw error;
      }
    },

    async getVersion(id, version) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.surveyVersion(id, version) }));
      return Item ? SurveyVersionSchema.parse(Item) : null;
    },

    async listVersions(id) {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)', ExpressionAttributeValues: { ':pk': keys.survey(id).pk, ':v': 'V#' } }),
      );
      return Items.map((item) => SurveyVersionSchema.parse(item));
    },

    async bySlug(slug) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.surveySlug(slug) }));
      if (!Item) return null;
      const { Item: survey } = await client.send(new GetCommand({ TableName: tableName, Key: keys.survey(String(Item.surveyId)) }));
      return survey ? SurveySchema.parse(survey) : null;
    },
  };
}
