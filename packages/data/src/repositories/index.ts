import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAuditRepository } from './audit.ts';
import { createHealthRepository } from './health.ts';
import { createSettingsRepository } from './settings.ts';
import { createGeographyRepository } from './geography.ts';
import { createImportJobRepository } from './imports.ts';
import { createRateLimitRepository } from './rate-limits.ts';
import { createResponseRepository } from './responses.ts';
import { createSurveyRepository } from './surveys.ts';

export type { AuditRepository } from './audit.ts';
export type { HealthRepository } from './health.ts';
export type { SettingsRepository } from './settings.ts';
export type { CandidateRecord, GeographyRepository, PostcodeRecord } from './geography.ts';
export type { ImportJobRepository } from './imports.ts';
export { NO_WARD, type Receipt, type ResponseRepository, type StoredResponse } from './responses.ts';
export type { SurveyRepository } from './surveys.ts';
export type { RateLimitRepository } from './rate-limits.ts';

/** Every repository, bound to one client and table. */
export function createRepositories(client: DynamoDBDocumentClient, tableName: string) {
  return {
    health: createHealthRepository(client, tableName),
    settings: createSettingsRepository(client, tableName),
    audit: createAuditRepository(client, tableName),
    geography: createGeographyRepository(client, tableName),
    imports: createImportJobRepository(client, tableName),
    surveys: createSurveyRepository(client, tableName),
    responses: createResponseRepository(client, tableName),
    rateLimits: createRateLimitRepository(client, tableName),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
