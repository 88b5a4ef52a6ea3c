/**
 * Starts WardPulse on one machine: DynamoDB Local, the local OpenID issuer and the API (with the
 * built web app when asked). Used by `pnpm dev` and by the browser tests, so both run the same parts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient, createRepositories } from '@wardpulse/data';
import { ensureTable, freePort, startDynamoDbLocal } from '@wardpulse/data/local';
import { createApp } from '../api/app.ts';
import { createTokenVerifier } from '../api/auth.ts';
import { DiskFileStore } from '../files/index.ts';
import { InProcessJobDispatcher } from '../jobs/dispatcher.ts';
import { runImportJob } from '../jobs/run-import.ts';
import { seedDemoData } from './seed.ts';
import { startLocalIssuer } from './oidc-issuer.ts';
import { startLocalServer } from './server.ts';

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
}

export interface LocalStack {
  apiUrl: string;
  issuer: string;
  clientId: string;
  dynamoEndpoint: string;
  tableName: string;
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
    await ensureTable(dynamo.endpoint, tableName);

    const apiPort = options.apiPort ?? (await freePort());
    const issuerPort = options.issuerPort ?? (await freePort());
    const apiOrigin = `http://127.0.0.1:${apiPort}`;
    const issuer = await startLocalIssuer({
      port: issuerPort,
      webOrigins: [apiOrigin, ...(options.webOrigins ?? [])],
      ...(options.dataDir ? { keyFile: `${options.dataDir}/../oidc-signing-key.json` } : {}),
    });
    stops.push(issuer.stop);

    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const repositories = createRepositories(client, tableName);
    if (options.seed ?? true) await seedDemoData(repositories, { responsesPerSurvey: options.demoResponses ?? 0 });
    const logger = new Logger({ serviceName: 'wardpulse-api', logLevel: options.logLevel ?? 'INFO' });
    // Upload URLs mirror the file key: `imports/<id>` → `/api/staff/admin/imports/<id>/file`.
    const files = new DiskFileStore(options.filesDir ?? mkdtempSync(join(tmpdir(), 'wardpulse-files-')), (key) => `/api/staff/admin/${key}/file`);
    const jobs = new InProcessJobDispatcher(
      (job) => runImportJob({ repositories, files, logger }, job.id),
      (error) => logger.error('background job failed', { error }),
    );
    const verifyToken = createTokenVerifier({ issuer: issuer.issuer, clientId: issuer.clientId });
    const app = createApp({
      config: {
        version: options.version ?? '0.1.0',
        stage: 'local',
        maxBodyBytes: 64 * 1024,
        submissionsPerHour: options.submissionsPerHour ?? 30,
        oidc: { issuer: issuer.issuer, clientId: issuer.clientId, scope: 'openid profile email' },
      },
      repositories,
      verifyToken,
      logger,
      files,
      jobs,
    });
    const server = await startLocalServer({
      app,
      port: apiPort,
      uploads: { files, verifyToken, maxBytes: 2 * 1024 ** 3 },
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
    stops.push(() => jobs.idle());
    stops.push(server.stop);
    stops.push(async () => client.destroy());
    return { apiUrl: server.url, issuer: issuer.issuer, clientId: issuer.clientId, dynamoEndpoint: dynamo.endpoint, tableName, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
