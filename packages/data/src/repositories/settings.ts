import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  DEFAULT_FORCE_SETTINGS,
  StoredForceSettingsSchema,
  type ForceSettingsInput,
  type StoredForceSettings,
} from '@wardpulse/domain';
import { isConditionalFailure } from '../conditions.ts';
import { ENTITY, keys } from '../keys.ts';
import { auditItem } from './audit.ts';

export interface SettingsRepository {
  /** The current settings, or the defaults (version 0) before anyone has saved any. */
  get(): Promise<StoredForceSettings | (typeof DEFAULT_FORCE_SETTINGS & { version: 0 })>;
  /**
   * Saves new settings if `expectedVersion` is still current, and writes the audit entry in the
   * same transaction, so a change is never stored without its audit trail (or twice on retry).
   */
  put(input: ForceSettingsInput, actor: string, expectedVersion: number): Promise<StoredForceSettings>;
}


export function createSettingsRepository(client: DynamoDBDocumentClient, tableName: string): SettingsRepository {
  return {
    async get() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.settings(), ConsistentRead: true }));
      if (!Item) return { ...DEFAULT_FORCE_SETTINGS, version: 0 as const };
      return StoredForceSettingsSchema.parse(Item);
    },

    async put(input, actor, expectedVersion) {
      const now = new Date().toISOString();
      const stored: StoredForceSettings = { ...input, updatedAt: now, updatedBy: actor, version: expectedVersion + 1 };
      const condition =
        expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...keys.settings(), entity: ENTITY.settings, ...stored }, ...condition } },
              {
                Put: {
                  TableName: tableName,
                  Item: auditItem({ at: now, actor, action: 'settings.updated', detail: { version: stored.version, ...input } }),
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) {
          throw new ConflictError(
            `The settings changed since version ${expectedVersion} was read; reload and try again.`,
            'settings.version_conflict',
          );
        }
        throw error;
      }
      return stored;
    },
  };
}
