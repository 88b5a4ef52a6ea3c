import type { Logger } from '@aws-lambda-powertools/logger';
import type { Repositories } from '@wardpulse/data';
import type { StaffPrincipal } from '@wardpulse/domain';
import type { FileStore } from '../files/index.ts';
import type { JobDispatcher } from '../jobs/dispatcher.ts';
import type { AppMessaging, PublicMessaging } from '../features/messages/delivery/wiring.ts';

export type TokenVerifier = (token: string) => Promise<StaffPrincipal>;

export interface AppConfig {
  version: string;
  stage: string;
  maxBodyBytes: number;
  /** Responses one network address may submit per hour: generous, because homes, libraries and mobile networks share addresses. */
  submissionsPerHour: number;
  /**
   * Proxies in front of a Node server that append the address they saw to `X-Forwarded-For`
   * (1 behind the Vite dev proxy); 0 ignores the header. Not used in AWS, where CloudFront's
   * viewer address is taken.
   */
  trustedProxyHops: number;
  oidc: { issuer: string; clientId: string; scope: string };
}

/** What the resident (public) function needs: no token checks, files, jobs or sending. */
export interface PublicDeps {
  config: AppConfig;
  repositories: Repositories;
  logger: Logger;
  /** Sign-up e-mail, signed links and view hashes (`PublicMessaging`). */
  messaging: PublicMessaging;
}

/** What the whole app needs from outside; the Lambda and local adapters each build one. */
export interface AppDeps extends PublicDeps {
  verifyToken: TokenVerifier;
  /** Uploads and exports: S3 in AWS, a folder locally. */
  files: FileStore;
  /** Background jobs: async Lambda in AWS, in-process locally. */
  jobs: JobDispatcher;
  /** Community messages: e-mail (SES in AWS, an outbox locally), signed links, audiences and sending. */
  messaging: AppMessaging;
}

/** Hono variables of resident routes. */
export interface PublicEnv {
  Variables: {
    deps: PublicDeps;
    log: Logger;
    requestId: string;
  };
}

/** Hono variables of staff routes (and of the whole app): `principal` is set by `requireStaff`. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    log: Logger;
    requestId: string;
    principal: StaffPrincipal;
  };
}
