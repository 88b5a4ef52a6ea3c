import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, type DocumentClientOptions } from '../client.ts';
import { createAuditRepository } from './audit.ts';
import { createContactRepository } from './contacts.ts';
import { createDeliveryRepository } from './deliveries.ts';
import { createExportJobRepository } from './exports.ts';
import { createHealthRepository } from './health.ts';
import { createSettingsRepository } from './settings.ts';
import { createGeographyRepository } from './geography.ts';
import { createImportJobRepository } from './imports.ts';
import { createRateLimitRepository } from './rate-limits.ts';
import { createResponseRepository } from './responses.ts';
import { createSurveyRepository } from './surveys.ts';
import { createMessageRepository } from './messages.ts';
import { createMessageEngagementRepository } from './message-engagement.ts';

export type { AuditRepository } from './audit.ts';
export { emailHash, type ContactRepository, type SignupCounters, type StoredContact, type WardMembership } from './contacts.ts';
export { DeliverySchema, type Delivery, type DeliveryRepository, type DeliveryState } from './deliveries.ts';
export type { HealthRepository } from './health.ts';
export type { SettingsRepository } from './settings.ts';
export type { CandidateRecord, GeographyRepository, PostcodeRecord } from './geography.ts';
export type { ImportJobRepository } from './imports.ts';
export type { ExportJobRepository, ExportOutcome } from './exports.ts';
export { NO_WARD, SubmitRefusedError, type Receipt, type ResponseRepository, type StoredResponse, type SubmitGuards } from './responses.ts';
export type { SurveyRepository } from './surveys.ts';
export type { Allowance, RateLimitRepository } from './rate-limits.ts';
export type { MessageRepository } from './messages.ts';
export { MESSAGE_COUNTERS, StoredReplySchema, type MessageEngagementRepository, type RatingOutcome, type StoredReply, type StoredShare } from './message-engagement.ts';

export interface RepositoryOptions extends DocumentClientOptions {
  /** The main table, and the personal-data (contacts) table: `<main>-contacts` unless named. */
  tables: { main: string; contacts?: string | undefined };
  /**
   * Called with the client before any repository uses it: to add SDK middleware (tests inject
   * throttling, conflicts and lost answers this way, below every repository's own retries).
   */
  instrument?: (client: DynamoDBDocumentClient) => void;
}

/**
 * Every repository, over one DynamoDB client made here (call once per process: module scope in
 * Lambda). Personal data (sign-ups, deliveries) lives in the contacts table.
 * @example
 * const repositories = createRepositories({ region: 'eu-west-2', tables: { main: 'wardpulse', contacts: 'wardpulse-contacts' } });
 * const repositories = createRepositories({ endpoint: 'http://localhost:8000', tables: { main: 'wardpulse' } }); // DynamoDB Local
 */
export function createRepositories(options: RepositoryOptions) {
  const client = createDocumentClient(options);
  options.instrument?.(client);
  const tableName = options.tables.main;
  const contactsTableName = options.tables.contacts ?? `${tableName}-contacts`;
  return {
    contacts: createContactRepository(client, contactsTableName, tableName),
    deliveries: createDeliveryRepository(client, contactsTableName, tableName),
    health: createHealthRepository(client, tableName),
    settings: createSettingsRepository(client, tableName),
    audit: createAuditRepository(client, tableName),
    geography: createGeographyRepository(client, tableName),
    imports: createImportJobRepository(client, tableName),
    exports: createExportJobRepository(client, tableName),
    surveys: createSurveyRepository(client, tableName),
    responses: createResponseRepository(client, tableName),
    rateLimits: createRateLimitRepository(client, tableName),
    messages: createMessageRepository(client, tableName),
    messageEngagement: createMessageEngagementRepository(client, tableName),
    /** Releases the client's sockets (scripts and tests that end; Lambda never needs to). */
    close: () => client.destroy(),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
