/**
 * Starts WardPulse on one machine: DynamoDB Local, the local OpenID issuer and the API (with the
 * built web app when asked). Used by `pnpm dev` and by the browser tests, so both run the same parts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { ensureTables, freePort, startDynamoDbLocal } from './dynamodb-local.ts';
import { createApp } from '@wardpulse/functions/app';
import { createTokenVerifier } from '@wardpulse/functions/auth';
import { DiskFileStore } from '@wardpulse/functions/files';
import { InProcessJobDispatcher } from '@wardpulse/functions/jobs/dispatcher';
import { runJob } from '@wardpulse/functions/jobs/run-job';
import { localLinkSecret } from '@wardpulse/functions/features/messages/delivery/local';
import type { MessagingDeps } from '@wardpulse/functions/features/messages/delivery/messaging';
import { startScheduleTicker } from '@wardpulse/functions/features/messages/service';
import { OutboxMailSender } from '@wardpulse/functions/features/messages/delivery/outbox-mail-sender';
import { wireMessaging } from '@wardpulse/functions/features/messages/delivery/wiring';
import { seedDemoData } from '../demo/seed.ts';
import { startLocalIssuer } from './oidc-issuer.ts';
import { startLocalServer } from './server.ts';
import { CAPACITY } from '@wardpulse/domain';

export interface LocalStackOptions {
  /** Persist DynamoDB Local here (dev); in memory when omitted (tests). */
  dataDir?: string;
  apiPort?: number;
  /** DynamoDB Local's port; a free one when omitted. */
  dynamoPort?: number;
  issuerPort?: number;
  /** Extra origins that may sign in (e.g. the Vite dev server); the API origin always may. */
  webOrigins?: string[];
  webRoot?: string;
  /** Uploaded files (imports, exports); a temporary folder when omitted. */
  filesDir?: string;
  tableName?: string;
  version?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  seed?: boolean;
  /** Per-address submission limit (browser tests all come from 127.0.0.1). */
  submissionsPerHour?: number;
  /** Synthetic responses per demo survey (dev seeds thousands; tests none). */
  demoResponses?: number;
  /** Where e-mails are written as `.eml` files; `<dataDir>/../outbox` with a data folder, else a temporary folder. */
  outboxDir?: string;
  /** E-mails per second of the send job (default 14, as SES). */
  sendRatePerSecond?: number;
  /** Synthetic confirmed sign-ups in the demo wards: 1,200 with a data folder (`pnpm dev`), 48 without (tests). */
  demoSignups?: number;
}

export interface LocalStack {
  apiUrl: string;
  issuer: string;
  clientId: string;
  dynamoEndpoint: string;
  tableName: string;
  /** The outbox folder: one `.eml` file per e-mail sent. */
  outboxDir: string;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    const tableName = options.tableName ?? 'wardpulse';
    const dynamo = await startDynamoDbLocal({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.dynamoPort ? { port: options.dynamoPort } : {}) });
    stops.push(dynamo.stop);
    await ensureTables(dynamo.endpoint, tableName);

    const apiPort = options.apiPort ?? (await freePort());
    const issuerPort = options.issuerPort ?? (await freePort());
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    const issuer = await startLocalIssuer({
      port: issuerPort,
      webOrigins: [apiOrigin, ...(options.webOrigins ?? [])],
      ...(options.dataDir ? { keyFile: `${options.dataDir}/../oidc-signing-key.json` } : {}),
    });
    stops.push(issuer.stop);
    const repositories = createRepositories({ endpoint: dynamo.endpoint, tables: { main: tableName } });
    if (options.seed ?? true) await seedDemoData(repositories, { responsesPerSurvey: options.demoResponses ?? 0, signups: options.demoSignups ?? (options.dataDir ? 1200 : 48) });
    const logger = new Logger({ serviceName: 'wardpulse-api', logLevel: options.logLevel ?? 'INFO' });
    // Upload URLs mirror the file key: `imports/<id>` → `/api/staff/admin/imports/<id>/file`;
    // downloads too: `exports/<id>` → `/api/staff/exports/<id>/file` (served by the app itself).
    const files = new DiskFileStore(options.filesDir ?? mkdtempSync(join(tmpdir(), 'wardpulse-files-')), (key) => `/api/staff/admin/${key}/file`);
    // E-mail goes to an on-disk outbox; links are signed with a key kept beside the data.
    const outboxDir = options.outboxDir ?? (options.dataDir ? `${options.dataDir}/../outbox` : mkdtempSync(join(tmpdir(), 'wardpulse-outbox-')));
    const outbox = new OutboxMailSender(outboxDir, 'WardPulse (local) <messages@wardpulse.localhost>');
    const mailing: MessagingDeps = {
      linkSecret: localLinkSecret(options.dataDir ? `${options.dataDir}/../link-secret` : undefined),
      publicUrl: options.webOrigins?.[0] ?? apiOrigin,
      mail: outbox,
      outbox,
      unsubscribeMailto: 'unsubscribe@wardpulse.localhost',
      signupsPerHour: options.submissionsPerHour ?? 10,
    };
    const jobs = new InProcessJobDispatcher(
      (job) => runJob({ repositories, files, logger, messaging: mailing, sendOptions: { ratePerSecond: options.sendRatePerSecond ?? 14 } }, job),
      (error) => logger.error('background job failed', { error }),
    );
    const verifyToken = createTokenVerifier({ issuer: issuer.issuer, clientId: issuer.clientId });
    const messaging = wireMessaging(mailing, repositories, jobs);
    // Scheduled messages go out when due: checked every minute (in AWS this needs a scheduled trigger, see README).
    stops.push(startScheduleTicker({ repositories, sender: messaging.sender }, (error) => logger.error('scheduled send failed', { error })));
    const app = createApp({
      config: {
        version: options.version ?? '0.1.0',
        stage: 'local',
        maxBodyBytes: CAPACITY.submissionBytes,
        submissionsPerHour: options.submissionsPerHour ?? 30,
        // The Vite dev proxy appends the browser's address; a browser calling this server directly sends none.
        trustedProxyHops: 1,
        oidc: { issuer: issuer.issuer, clientId: issuer.clientId, scope: 'openid profile email' },
      },
      repositories,
      verifyToken,
      logger,
      files,
      jobs,
      messaging,
    });
    const server = await startLocalServer({
      app,
      port: apiPort,
      uploads: { files, verifyToken, maxBytes: 2 * 1024 ** 3 },
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
    stops.push(() => jobs.idle());
    stops.push(server.stop);
    stops.push(async () => repositories.close());
    return { apiUrl: server.url, issuer: issuer.issuer, clientId: issuer.clientId, dynamoEndpoint: dynamo.endpoint, tableName, outboxDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
