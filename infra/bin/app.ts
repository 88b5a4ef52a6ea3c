/**
 * The WardPulse CDK app: validates the context for one stage, then wires its stacks (five, and
 * a sixth in us-east-1 for the WAF web ACL unless `-c waf=false`).
 * `npx cdk synth -c stage=prod -c allowedOrigin=https://… -c adminEmail=…` (see lib/config.ts).
 */
import { readFileSync } from 'node:fs';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../lib/api-stack.ts';
import { AuthStack } from '../lib/auth-stack.ts';
import { InfraConfigError, readAppConfig, type AppConfig } from '../lib/config.ts';
import { DataStack } from '../lib/data-stack.ts';
import { EDGE_REGION, EdgeStack } from '../lib/edge-stack.ts';
import { MessagingStack } from '../lib/messaging-stack.ts';
import { ROOT_PACKAGE_JSON } from '../lib/paths.ts';
import { WebStack } from '../lib/web-stack.ts';

const app = new App();
const config = readConfigOrExit(app);
const version = config.version ?? readRootVersion();
const isDev = config.stage === 'dev';
const prefix = `WardPulse-${config.stage}`;
const tags = { project: 'wardpulse', stage: config.stage };
const common = {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  stage: config.stage,
  tags,
  terminationProtection: !isDev,
};

const data = new DataStack(app, `${prefix}-Data`, {
  ...common,
  description: 'WardPulse: DynamoDB table and files bucket (uploads and exports)',
  allowedOrigin: config.allowedOrigin,
});

const auth = new AuthStack(app, `${prefix}-Auth`, {
  ...common,
  description: 'WardPulse: Cognito user pool for staff',
  allowedOrigin: config.allowedOrigin,
  authDomainPrefix: config.authDomainPrefix,
  ...(config.adminEmail !== undefined ? { adminEmail: config.adminEmail } : {}),
});

const messaging = new MessagingStack(app, `${prefix}-Messaging`, {
  ...common,
  description: 'WardPulse: community-message delivery (SES configuration set, bounce handling, send job, link secret)',
  version,
  table: data.table,
  contactsTable: data.contactsTable,
  userPoolClient: auth.userPoolClient,
  issuer: auth.issuer,
  publicUrl: config.allowedOrigin,
  mailFrom: config.mailFrom,
});

const api = new ApiStack(app, `${prefix}-Api`, {
  ...common,
  description: 'WardPulse: HTTP API, its Lambda and the import job',
  version,
  table: data.table,
  userPoolClient: auth.userPoolClient,
  issuer: auth.issuer,
  allowedOrigin: config.allowedOrigin,
  filesBucket: data.filesBucket,
});

messaging.connectApi(api.apiFunction);
messaging.connectPublicApi(api.publicFunction);

// CloudFront takes only web ACLs made in us-east-1, whatever region the rest lives in (even
// us-east-1 itself: one layout for every region). The ARN crosses regions as a weak reference
// (cdk.json's defaultCrossStackReferences): Fn::GetStackOutput reads the Edge stack's output at
// deploy time, so no SSM export/reader custom resources; the Web stack deploys after the Edge one.
// `crossRegionReferences` marks the Web stack as meant to consume from another region (it lets L2
// resources pass references instead of physical names); the ACL's ARN resolves either way.
const edge = config.waf
  ? new EdgeStack(app, `${prefix}-Edge`, {
      ...common,
      env: { ...common.env, region: EDGE_REGION },
      description: 'WardPulse: WAF web ACL for CloudFront (per-address rate limit, AWS managed rules); us-east-1 only',
      rateLimit: config.wafRateLimit,
    })
  : undefined;

new WebStack(app, `${prefix}-Web`, {
  ...common,
  crossRegionReferences: edge !== undefined,
  description: 'WardPulse: web app on CloudFront, with /api proxied to the HTTP API',
  apiDomain: api.apiDomain,
  allowedOrigin: config.allowedOrigin,
  filesBucketDomain: data.filesBucket.bucketRegionalDomainName,
  ...(edge !== undefined ? { webAclArn: edge.webAclArn } : {}),
  ...(config.domainName !== undefined && config.certificateArn !== undefined
    ? { domainName: config.domainName, certificateArn: config.certificateArn }
    : {}),
});

Tags.of(app).add('project', tags.project);
Tags.of(app).add('stage', tags.stage);
// cdk-nag 3 is a policy-validation plugin: findings fail the synth unless acknowledged in lib/.
if (config.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

/** A configuration mistake is the operator's to fix: say which key, without a stack trace. */
function readConfigOrExit(scope: App): AppConfig {
  try {
    return readAppConfig((key) => scope.node.tryGetContext(key));
  } catch (error) {
    if (error instanceof InfraConfigError) {
      console.error(`WardPulse: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function readRootVersion(): string {
  const { version: rootVersion } = JSON.parse(readFileSync(ROOT_PACKAGE_JSON, 'utf8')) as { version?: string };
  return rootVersion ?? '0.0.0';
}
