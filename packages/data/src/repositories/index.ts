import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAuditRepository } from './audit.ts';
import { createHealthRepository } from './health.ts';
import { createSettingsRepository } from './settings.ts';
import { createGeographyRepository } from './geography.ts';
import { createImportJobRepository } from './imports.ts';

export type { AuditRepository } from './audit.ts';
export type { HealthRepository } from './health.ts';
export type { SettingsRepository } from './settings.ts';
export type { CandidateRecord, GeographyRepository, PostcodeRecord } from './geography.ts';
export type { ImportJobRepository } from './imports.ts';

/** Every repository, bound to one client and table. */
export function createRepositories(client: DynamoDBDocumentClient, tableName: string) {
  return {
    health: createHealthRepository(client, tableName),
    settings: createSettingsRepository(client, tableName),
    audit: createAuditRepository(client, tableName),
    geography: createGeographyRepository(client, tableName),
    imports: createImportJobRepository(client, tableName),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
