import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import type { ApiEnv } from '../../env.ts';
import { S3FileStore } from '../../files/index.ts';
import { LambdaJobDispatcher } from '../../jobs/dispatcher.ts';
import { messagingFromEnv } from '../../features/messages/delivery/from-env.ts';
import { wireMessaging } from '../../features/messages/delivery/wiring.ts';
import { createTokenVerifier } from '../middleware/auth.ts';
import type { AppDeps } from '../context.ts';
import { appConfig } from './public-deps.ts';

/** Builds the staff function's dependencies from configuration: one document client per process; secrets are read here, at cold start. */
export async function depsFromEnv(env: ApiEnv): Promise<AppDeps> {
  if (!env.FILES_BUCKET || !env.IMPORT_FUNCTION_NAME) throw new Error('FILES_BUCKET and IMPORT_FUNCTION_NAME must be set for the API in AWS');
  const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME, contacts: env.CONTACTS_TABLE_NAME } });
  const jobs = new LambdaJobDispatcher(new LambdaClient({ region: env.AWS_REGION }), {
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
    files: new S3FileStore(new S3Client({ region: env.AWS_REGION, requestChecksumCalculation: 'WHEN_REQUIRED' }), env.FILES_BUCKET),
    jobs,
    messaging: wireMessaging(await messagingFromEnv(env), repositories, jobs),
  };
}
