/**
 * The WardPulse CDK app's wiring: for one stage's context, its stacks (five, and a sixth in
 * us-east-1 for the WAF web ACL unless `-c waf=false`). `bin/app.ts` calls it for `cdk synth`;
 * the tests call it for every stage and switch, so they lint exactly what would be deployed.
 */
import { readFileSync } from 'node:fs';
import { Tags, Validations, type App, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { readAppConfig, type AppConfig } from './config.ts';
import { DataStack } from './data-stack.ts';
import { EDGE_REGION, EdgeStack } from './edge-stack.ts';
import { MessagingStack } from './messaging-stack.ts';
import { ROOT_PACKAGE_JSON } from './paths.ts';
import { WebStack } from './web-stack.ts';

export interface WardPulseAppOptions {
  /** The built web app; `web/dist` by default (tests pass a throwaway build). */
  webAssetPath?: string;
  /** The account to deploy to; `CDK_DEFAULT_ACCOUNT` (what the CDK CLI found) by default. */
  account?: string;
}

export interface WardPulseStacks {
  config: AppConfig;
  data: DataStack;
  auth: AuthStack;
  messaging: MessagingStack;
  api: ApiStack;
  /** Absent when the `waf` context is off. */
  edge?: EdgeStack;
  web: WebStack;
  /** Every stack above, in the order they are defined. */
  all: Stack[];
}

/**
 * Reads the app's context (throws `InfraConfigError` naming the key when it is wrong) and defines
 * the stage's stacks in `app`.
 *
 * @example
 * const { all } = defineWardPulseApp(new App({ context: { stage: 'prod', … } }));
 */
export function defineWardPulseApp(app: App, options: WardPulseAppOptions = {}): WardPulseStacks {
  const config = readAppConfig((key) => app.node.tryGetContext(key));
  const version = config.version ?? readRootVersion();
  const isDev = config.stage === 'dev';
  const prefix = `WardPulse-${config.stage}`;
  const tags = { project: 'wardpulse', stage: config.stage };
  const common = {
    env: { account: options.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
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

  const web = new WebStack(app, `${prefix}-Web`, {
    ...common,
    crossRegionReferences: edge !== undefined,
    description: 'WardPulse: web app on CloudFront, with /api proxied to the HTTP API',
    apiDomain: api.apiDomain,
    allowedOrigin: config.allowedOrigin,
    filesBucketDomain: data.filesBucket.bucketRegionalDomainName,
    ...(options.webAssetPath !== undefined ? { webAssetPath: options.webAssetPath } : {}),
    ...(edge !== undefined ? { webAclArn: edge.webAclArn } : {}),
    ...(config.domainName !== undefined && config.certificateArn !== undefined
      ? { domainName: config.domainName, certificateArn: config.certificateArn }
      : {}),
  });

  Tags.of(app).add('project', tags.project);
  Tags.of(app).add('stage', tags.stage);
  // cdk-nag 3 is a policy-validation plugin: findings fail the synth unless acknowledged in lib/.
  if (config.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

  const all = [data, auth, messaging, api, ...(edge !== undefined ? [edge] : []), web];
  return { config, data, auth, messaging, api, web, all, ...(edge !== undefined ? { edge } : {}) };
}

function readRootVersion(): string {
  const { version: rootVersion } = JSON.parse(readFileSync(ROOT_PACKAGE_JSON, 'utf8')) as { version?: string };
  return rootVersion ?? '0.0.0';
}
