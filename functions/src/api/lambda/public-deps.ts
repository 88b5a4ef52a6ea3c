import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import type { ApiEnv } from '../../env.ts';
import { messagingFromEnv } from '../../features/messages/delivery/from-env.ts';
import { wirePublicMessaging } from '../../features/messages/delivery/wiring.ts';
import type { AppConfig, PublicDeps } from '../context.ts';

/** The app's configuration from the environment (both functions). */
export function appConfig(env: ApiEnv): AppConfig {
  return {
    version: env.APP_VERSION,
    stage: env.STAGE,
    maxBodyBytes: env.MAX_BODY_BYTES,
    submissionsPerHour: env.SUBMISSIONS_PER_HOUR,
    trustedProxyHops: 0,
    oidc: { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, scope: env.OIDC_SCOPE },
  };
}

/**
 * Builds the public function's dependencies: repositories, configuration, logging and the
 * sign-up half of messaging. No token verifier, file store or job dispatcher: resident routes
 * use none, and the function's role holds no grants for them.
 */
export async function publicDepsFromEnv(env: ApiEnv): Promise<PublicDeps> {
    return {
    config: appConfig(env),
    repositories: createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME, contacts: env.CONTACTS_TABLE_NAME } }),
    logger: new Logger({ serviceName: 'wardpulse-public-api', logLevel: env.POWERTOOLS_LOG_LEVEL }),
    messaging: wirePublicMessaging(await messagingFromEnv(env)),
  };
}
