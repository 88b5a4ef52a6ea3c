import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import type { ApiEnv } from '../../env.ts';
import type { FileStore } from '../../files/file-store.ts';
import { LambdaJobDispatcher } from '../../jobs/dispatcher.ts';
import { messagingFromEnv } from '../../features/messages/delivery/from-env.ts';
import { wireMessaging } from '../../features/messages/delivery/wiring.ts';
import { createTokenVerifier } from '../middleware/auth.ts';
import type { AppDeps } from '../context.ts';
import { appConfig } from './public-deps.ts';
import { lazyOnce } from '../../lazy.ts';

/**
 * Uploads and downloads in S3, with the S3 client loaded on the first file operation: most staff
 * requests (surveys, results, messages) touch no file, and the client is 100 KB of bundle.
 */
function lazyS3FileStore(region: string, bucket: string): FileStore {
  const load = lazyOnce(() =>
    Promise.all([import('@aws-sdk/client-s3'), import('../../files/s3-file-store.ts')]).then(
      ([{ S3Client }, { S3FileStore }]) => new S3FileStore(new S3Client({ region, requestChecksumCalculation: 'WHEN_REQUIRED' }), bucket),
    ),
  );
  return {
    servesDownloads: false,
    uploadTarget: async (key, options) => (await load()).uploadTarget(key, options),
    stat: async (key) => (await load()).stat(key),
    open: async (key) => (await load()).open(key),
    put: async (key, body, options) => (await load()).put(key, body, options),
    downloadTarget: async (key, options) => (await load()).downloadTarget(key, options),
  };
}

/** Builds the staff function's dependencies from configuration: one document client per process; secrets are read here, at cold start. */
export async function depsFromEnv(env: ApiEnv): Promise<AppDeps> {
  if (!env.FILES_BUCKET || !env.IMPORT_FUNCTION_NAME) throw new Error('FILES_BUCKET and IMPORT_FUNCTION_NAME must be set for the API in AWS');
  const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME, contacts: env.CONTACTS_TABLE_NAME } });
  const jobs = new LambdaJobDispatcher(async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({ region: env.AWS_REGION }), {
    import: env.IMPORT_FUNCTION_NAME,
    // Infra always sets it; without it exports are refused when asked for, not at start-up.
    ...(env.EXPORT_FUNCTION_NAME ? { export: env.EXPORT_FUNCTION_NAME } : {}),
    ...(env.SEND_FUNCTION_NAME ? { send: env.SEND_FUNCTION_NAME } : {}),
  });
  return {
    config: appConfig(env),
    repositories,
    verifyToken: createTokenVerifier({ issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID }),
    logger: new Logger({ serviceName: 'wardpulse-api', logLevel: env.POWERTOOLS_LOG_LEVEL }),
    files: lazyS3FileStore(env.AWS_REGION, env.FILES_BUCKET),
    jobs,
    messaging: wireMessaging(await messagingFromEnv(env), repositories, jobs),
  };
}
