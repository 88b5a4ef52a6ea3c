import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient, createRepositories } from '@wardpulse/data';
import type { ApiEnv } from '../env.ts';
import { S3FileStore } from '../files/index.ts';
import { LambdaJobDispatcher } from '../jobs/dispatcher.ts';
import { createTokenVerifier } from './auth.ts';
import type { AppDeps } from './context.ts';

/** Builds the app's dependencies from configuration: one document client per process. */
export function depsFromEnv(env: ApiEnv): AppDeps {
  if (!env.FILES_BUCKET || !env.IMPORT_FUNCTION_NAME) throw new Error('FILES_BUCKET and IMPORT_FUNCTION_NAME must be set for the API in AWS');
  const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
  return {
    config: {
      version: env.APP_VERSION,
      stage: env.STAGE,
      maxBodyBytes: env.MAX_BODY_BYTES,
      submissionsPerHour: env.SUBMISSIONS_PER_HOUR,
      oidc: { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, scope: env.OIDC_SCOPE },
    },
    repositories: createRepositories(client, env.TABLE_NAME),
    verifyToken: createTokenVerifier({ issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID }),
    logger: new Logger({ serviceName: 'wardpulse-api', logLevel: env.POWERTOOLS_LOG_LEVEL }),
    files: new S3FileStore(new S3Client({ region: env.AWS_REGION, requestChecksumCalculation: 'WHEN_REQUIRED' }), env.FILES_BUCKET),
    jobs: new LambdaJobDispatcher(new LambdaClient({ region: env.AWS_REGION }), env.IMPORT_FUNCTION_NAME),
  };
}
