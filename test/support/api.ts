/**
 * Builds the real Hono app against DynamoDB Local with a fresh table per test file.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { inject } from 'vitest';
import { createRepositories, type RepositoryOptions } from '@wardpulse/data';
import { ensureTables } from '@wardpulse/dev';
import { createApp } from '@wardpulse/functions/app';
import { createTokenVerifier } from '@wardpulse/functions/auth';
import { DiskFileStore, InProcessJobDispatcher, runJob } from '@wardpulse/functions/jobs';
import { localLinkSecret, OutboxMailSender, wireMessaging, type MessagingDeps } from '@wardpulse/functions/messages/delivery';
import { rawClient } from './raw-client.ts';
import { TEST_CLIENT_ID, type TestIssuer } from './test-issuer.ts';
import { CAPACITY } from '@wardpulse/domain';

export function dynamoEndpoint(): string {
  const endpoint = inject('dynamoEndpoint');
  if (!endpoint) throw new Error('Integration tests need DynamoDB Local (started by test/support/dynamodb-global-setup.ts); refusing to run without it.');
  return endpoint;
}

/** A fresh main table, with its contacts table (`<name>-contacts`) beside it. */
export async function createTestTable(): Promise<string> {
  const tableName = `wardpulse-test-${randomUUID().slice(0, 8)}`;
  await ensureTables(dynamoEndpoint(), tableName);
  return tableName;
}

export interface TestAppOptions {
  issuer: TestIssuer;
  tableName: string;
  /** Point the app at another DynamoDB endpoint, e.g. one that does not answer. */
  endpoint?: string;
  maxBodyBytes?: number;
  /** E-mails per second of send jobs; unlimited by default (speed is measured in bench/). */
  sendRatePerSecond?: number;
  /** The deployment stage the app believes it runs in; `test` by default. */
  stage?: string;
  /** SDK middleware for the app's DynamoDB client (fault injection). */
  instrument?: RepositoryOptions['instrument'];
}

export function createTestApp(options: TestAppOptions) {
  const client = rawClient(options.endpoint ?? dynamoEndpoint());
  const repositories = createRepositories({ endpoint: options.endpoint ?? dynamoEndpoint(), tables: { main: options.tableName }, ...(options.instrument ? { instrument: options.instrument } : {}) });
  const logger = new Logger({ serviceName: 'wardpulse-api-test', logLevel: 'SILENT' });
  const files = new DiskFileStore(mkdtempSync(join(tmpdir(), 'wardpulse-test-files-')), (key) => `/api/staff/admin/${key}/file`);
  // E-mail goes to an outbox folder of this app's own, which tests read back.
  const outbox = new OutboxMailSender(mkdtempSync(join(tmpdir(), 'wardpulse-test-outbox-')), 'WardPulse (test) <messages@wardpulse.localhost>');
  const mailing: MessagingDeps = { linkSecret: localLinkSecret(), publicUrl: 'https://wardpulse.test', mail: outbox, outbox, unsubscribeMailto: 'unsubscribe@wardpulse.test', signupsPerHour: 30 };
  const jobs = new InProcessJobDispatcher(
    (job) => runJob({ repositories, files, logger, messaging: mailing, sendOptions: { ratePerSecond: options.sendRatePerSecond ?? 0 } }, job),
    (error) => {
      throw error;
    },
  );
  const messaging = wireMessaging(mailing, repositories, jobs);
  const app = createApp({
    config: {
      version: '9.9.9-test',
      stage: options.stage ?? 'test',
      maxBodyBytes: options.maxBodyBytes ?? CAPACITY.submissionBytes,
      submissionsPerHour: 30,
      // Tests say which resident a request comes from as a proxy in front would: one X-Forwarded-For hop.
      trustedProxyHops: 1,
      oidc: { issuer: options.issuer.issuer, clientId: TEST_CLIENT_ID, scope: 'openid profile email' },
    },
    repositories,
    verifyToken: createTokenVerifier({ issuer: options.issuer.issuer, clientId: TEST_CLIENT_ID }),
    logger,
    files,
    jobs,
    messaging,
  });
  return { app, repositories, client, files, jobs, outbox, mailing, messaging, logger };
}
