import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient, createRepositories } from '@wardpulse/data';
import type { ApiEnv } from '../env.ts';
import { createTokenVerifier } from './auth.ts';
import type { AppDeps } from './context.ts';

/** Builds the app's dependencies from configuration: one document client per process. */
export function depsFromEnv(env: ApiEnv): AppDeps {
  const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
  return {
    config: {
      version: env.APP_VERSION,
      stage: env.STAGE,
      maxBodyBytes: env.MAX_BODY_BYTES,
      oidc: { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, scope: env.OIDC_SCOPE },
    },
    repositories: createRepositories(client, env.TABLE_NAME),
    verifyToken: createTokenVerifier({ issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID }),
    logger: new Logger({ serviceName: 'wardpulse-api', logLevel: env.POWERTOOLS_LOG_LEVEL }),
  };
}
