/**
 * Reads and validates the CDK context (`-c key=value`) for one WardPulse stage. Pure: it takes a
 * lookup function, so tests can check the rules without synthesising anything.
 */

export interface AppConfig {
  /** `dev` is disposable (tables and buckets are destroyed with the stack); anything else is kept. */
  stage: string;
  region: string;
  /** The web origin (scheme + host, no path): CORS, Cognito callback and logout URLs. */
  allowedOrigin: string;
  /** Created as the first `admin` user when given; required outside `dev`. */
  adminEmail?: string;
  /** Prefix of the Cognito managed-login domain: `<prefix>.auth.<region>.amazoncognito.com`. */
  authDomainPrefix: string;
  /** CloudFront alias; needs `certificateArn` (an ACM certificate in us-east-1). */
  domainName?: string;
  certificateArn?: string;
  /** Release label passed to the API as `APP_VERSION`; the app falls back to package.json. */
  version?: string;
  /** Run cdk-nag's AWS Solutions checks during synth. */
  nag: boolean;
  /**
   * The sender of community messages: an address at a domain verified in SES (and out of the SES
   * sandbox). Defaults to `messages@<the site's host>` (a placeholder for a localhost origin).
   */
  mailFrom: string;
  /** Put the WAF web ACL (EdgeStack, us-east-1) in front of CloudFront. Off by default in `dev` only. */
  waf: boolean;
  /** Requests one address may make per 5 minutes before the edge answers 429. */
  wafRateLimit: number;
}

export type ContextLookup = (key: string) => unknown;

export type InfraConfigErrorCode = 'config.missing_context' | 'config.invalid_context';

/** A context value is missing or malformed; `key` names the `-c` option to fix. */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';

  constructor(
    readonly code: InfraConfigErrorCode,
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

export const DEV_STAGE = 'dev';
export const DEFAULT_REGION = 'eu-west-2';
export const DEV_ALLOWED_ORIGIN = 'http://localhost:5173';

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;
const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/**
 * AWS WAF itself accepts 10 to 2,000,000,000 requests per window. Below 100 per 5 minutes one
 * school, office or mobile carrier behind a shared address would be cut off, so we refuse it.
 */
export const WAF_RATE_LIMIT_RANGE = { min: 100, max: 2_000_000_000 } as const;
export const DEFAULT_WAF_RATE_LIMIT = 2000;

const CLOUDFRONT_CERTIFICATE_PATTERN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

/**
 * Turns raw context into an {@link AppConfig}, or throws an {@link InfraConfigError} naming the key.
 *
 * @example
 * const app = new App();
 * const config = readAppConfig((key) => app.node.tryGetContext(key));
 */
export function readAppConfig(lookup: ContextLookup): AppConfig {
  const read = (key: string): string | undefined => readString(lookup, key);

  const stage = read('stage') ?? DEV_STAGE;
  if (!STAGE_PATTERN.test(stage)) {
    throw invalid('stage', `"${stage}" is not a valid stage: use lower-case letters, digits and hyphens (max 20), starting with a letter.`);
  }
  const isDev = stage === DEV_STAGE;

  const region = read('region') ?? DEFAULT_REGION;
  if (!REGION_PATTERN.test(region)) throw invalid('region', `"${region}" is not an AWS region name (e.g. eu-west-2).`);

  const allowedOrigin = read('allowedOrigin') ?? (isDev ? DEV_ALLOWED_ORIGIN : undefined);
  if (allowedOrigin === undefined) {
    throw missing('allowedOrigin', stage, 'the web origin residents and staff use, e.g. -c allowedOrigin=https://wardpulse.example-police.uk');
  }
  checkOrigin(allowedOrigin, isDev);

  const adminEmail = read('adminEmail');
  if (adminEmail === undefined && !isDev) {
    throw missing('adminEmail', stage, 'the first administrator, e.g. -c adminEmail=wardpulse-admin@example-police.uk');
  }
  if (adminEmail !== undefined && !EMAIL_PATTERN.test(adminEmail)) {
    throw invalid('adminEmail', `"${adminEmail}" is not an email address.`);
  }

  const authDomainPrefix = read('authDomainPrefix') ?? `wardpulse-${stage}`;
  if (!DOMAIN_PREFIX_PATTERN.test(authDomainPrefix) || /aws|amazon|cognito/.test(authDomainPrefix)) {
    throw invalid(
      'authDomainPrefix',
      `"${authDomainPrefix}" cannot be a Cognito domain prefix: use lower-case letters, digits and hyphens, without "aws", "amazon" or "cognito".`,
    );
  }

  const domainName = read('domainName');
  const certificateArn = read('certificateArn');
  if (domainName !== undefined || certificateArn !== undefined) {
    if (domainName === undefined) throw missing('domainName', stage, 'the CloudFront alias that certificateArn covers');
    if (certificateArn === undefined) {
      throw missing('certificateArn', stage, `an ACM certificate in us-east-1 covering ${domainName} (CloudFront only reads certificates from us-east-1)`);
    }
    if (!HOSTNAME_PATTERN.test(domainName)) throw invalid('domainName', `"${domainName}" is not a lower-case host name.`);
    if (!CLOUDFRONT_CERTIFICATE_PATTERN.test(certificateArn)) {
      throw invalid('certificateArn', `"${certificateArn}" is not an ACM certificate ARN in us-east-1, the only region CloudFront reads certificates from.`);
    }
    if (allowedOrigin !== `https://${domainName}`) {
      throw invalid(
        'allowedOrigin',
        `allowedOrigin is ${allowedOrigin} but the site is served at https://${domainName}; sign-in redirects and CORS would not match.`,
      );
    }
  }

  const version = read('version');
  const nag = lookup('nag');
  const host = new URL(allowedOrigin).hostname;
  const mailFrom = read('mailFrom') ?? (host.includes('.') && !/^[\d.]+$/.test(host) ? `messages@${host}` : 'messages@example.com');
  if (!EMAIL_PATTERN.test(mailFrom)) throw invalid('mailFrom', `"${mailFrom}" is not an email address; give the verified SES sender, e.g. -c mailFrom=messages@example-police.uk`);
  const waf = readBoolean(lookup, 'waf') ?? !isDev;
  const wafRateLimit = readWafRateLimit(lookup);
  return {
    stage,
    region,
    allowedOrigin,
    authDomainPrefix,
    mailFrom,
    nag: nag === true || nag === 'true',
    waf,
    wafRateLimit,
    ...(adminEmail !== undefined ? { adminEmail } : {}),
    ...(domainName !== undefined ? { domainName } : {}),
    ...(certificateArn !== undefined ? { certificateArn } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

/** `-c key=` on the command line arrives as an empty string; treat it as not given. */
function readString(lookup: ContextLookup, key: string): string | undefined {
  const value = lookup(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(key, `context "${key}" must be a string, got ${JSON.stringify(value)}.`);
  return value.trim();
}

/** A switch: `true`/`false` from cdk.json, or the strings `-c key=true` / `-c key=false` give. */
function readBoolean(lookup: ContextLookup, key: string): boolean | undefined {
  const value = lookup(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(key, `context "${key}" must be true or false, got ${JSON.stringify(value)}.`);
}

function readWafRateLimit(lookup: ContextLookup): number {
  const value = lookup('wafRateLimit');
  if (value === undefined || value === null || value === '') return DEFAULT_WAF_RATE_LIMIT;
  const limit = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  const { min, max } = WAF_RATE_LIMIT_RANGE;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < min || limit > max) {
    throw invalid(
      'wafRateLimit',
      `${JSON.stringify(value)} is not a whole number of requests per address per 5 minutes from ${min} to ${max} (default ${DEFAULT_WAF_RATE_LIMIT}), e.g. -c wafRateLimit=3000`,
    );
  }
  return limit;
}

function checkOrigin(origin: string, isDev: boolean): void {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw invalid('allowedOrigin', `"${origin}" is not a URL; give the web origin, e.g. https://wardpulse.example-police.uk`);
  }
  if (url.origin !== origin) {
    throw invalid('allowedOrigin', `"${origin}" must be an origin only (scheme and host, no path or trailing slash), e.g. ${url.origin}`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(isDev && local && url.protocol === 'http:')) {
    throw invalid('allowedOrigin', `"${origin}" must use https (plain http is only accepted for localhost in the dev stage).`);
  }
}

function missing(key: string, stage: string, what: string): InfraConfigError {
  return new InfraConfigError('config.missing_context', key, `Missing context "${key}" for stage "${stage}": pass ${what}.`);
}

function invalid(key: string, detail: string): InfraConfigError {
  return new InfraConfigError('config.invalid_context', key, `Invalid context "${key}": ${detail}`);
}
