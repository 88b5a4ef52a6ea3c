/**
 * The only reader of `process.env` in the API. Everything else receives typed configuration.
 */
import { z } from 'zod';
import { CAPACITY } from '@wardpulse/domain';

const EnvSchema = z.object({
  TABLE_NAME: z.string().min(3).default('wardpulse'),
  /** Set to DynamoDB Local's URL on one machine; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('eu-west-2'),
  /** The OpenID issuer: Cognito's in AWS, the local issuer on one machine. */
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_SCOPE: z.string().default('openid profile email'),
  ALLOWED_ORIGIN: z.url().optional(),
  STAGE: z.string().default('local'),
  APP_VERSION: z.string().default('0.1.0'),
  /** S3 bucket for uploads and exports (AWS); locally files live under .data/files. */
  FILES_BUCKET: z.string().min(3).optional(),
  /** The background import function the API invokes (AWS). */
  IMPORT_FUNCTION_NAME: z.string().min(1).optional(),
  /** The background export function the API invokes (AWS). */
  EXPORT_FUNCTION_NAME: z.string().min(1).optional(),
  SUBMISSIONS_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** Residents' sign-ups and deliveries: the personal-data table, apart from engagement data. */
  CONTACTS_TABLE_NAME: z.string().min(3).default('wardpulse-contacts'),
  /** The web origin e-mail links point at; ALLOWED_ORIGIN when unset. */
  PUBLIC_URL: z.url().optional(),
  /** The key of signed e-mail links, given directly (local, tests) … */
  LINK_SECRET: z.string().min(32).optional(),
  /** … or read from Secrets Manager at cold start (AWS). */
  LINK_SECRET_ARN: z.string().min(20).optional(),
  /** The header CloudFront adds to every `/api/*` request (api/lambda/edge.ts), given directly (tests) … */
  ORIGIN_SECRET: z.string().min(32).optional(),
  /** … or read from Secrets Manager at cold start (AWS). One of the two is required by the API Lambdas. */
  ORIGIN_SECRET_ARN: z.string().min(20).optional(),
  /** The verified SES sender, e.g. `"Neighbourhood Policing" <messages@example-police.uk>` (AWS). */
  MAIL_FROM: z.string().min(3).optional(),
  /** The SES configuration set whose events (bounces, complaints) suppress addresses (AWS). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** A monitored mailbox offered in `List-Unsubscribe` beside the one-click link. */
  UNSUBSCRIBE_MAILTO: z.email().optional(),
  /** The background send function the API invokes (AWS). */
  SEND_FUNCTION_NAME: z.string().min(1).optional(),
  /** E-mails per second a send may make: 14 is SES's starting production rate; raise it with the account's quota. */
  SEND_RATE_PER_SECOND: z.coerce.number().positive().default(14),
  /** Sign-ups one network address may make per hour. */
  SIGNUPS_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** At least the domain's limit: `checkDraft` lets officers publish surveys whose longest answers need it. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(CAPACITY.submissionBytes, `must be at least ${CAPACITY.submissionBytes}, the largest response a publishable survey can receive`)
    .default(CAPACITY.submissionBytes),
  POWERTOOLS_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']).default('INFO'),
});
export type ApiEnv = z.infer<typeof EnvSchema>;

/** Parses the environment once; a bad value stops the process with every problem named. */
export function readEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`WardPulse API configuration is invalid:\n${problems}`);
  }
  return result.data;
}
