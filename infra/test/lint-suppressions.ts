/**
 * Template-linter findings that are understood and accepted, each for one rule on named resources,
 * with the reason. Anything else cfn-lint or cfn-guard reports fails template-lint.test.ts, and so
 * does an entry here that no longer matches a finding (fix the template, then delete the entry).
 * Prefer fixing infra/lib: an entry belongs here only when the fix would be wrong for WardPulse,
 * or the finding is about a resource aws-cdk-lib generates.
 */
import type { CfnResource, LintFinding, TemplateFile } from './template-lint.ts';

export interface LintSuppression {
  tool: LintFinding['tool'];
  /** Exactly the finding's rule: `W3005`, `CT.S3.PR.9`. */
  rule: string;
  /** The resource's logical id, whole (anchored with ^…$). */
  logicalId: RegExp;
  /** The template (`variant/stack`), when only some stacks or stages may have the finding. */
  label?: RegExp;
  /** The finding's text, when only one form of the rule's findings is accepted. */
  message?: RegExp;
  /** What the resource must still be for the reason to hold (it is read from the template). */
  when?: (resource: CfnResource) => boolean;
  reason: string;
}

/** A CDK logical id: the construct path's id followed by its 8-character hash. */
const cdkId = (...ids: string[]): RegExp => new RegExp(`^(?:${ids.join('|')})[0-9A-F]{8}$`);

/** aws-cdk-lib's own handlers: S3 auto-delete (dev buckets) and BucketDeployment (the web build). */
const CDK_HANDLERS = /^(?:CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F|CustomCDKBucketDeployment[0-9A-F]{32}\d+MiB[0-9A-F]{8})$/;

/** The app's own functions (ApiFunction in lib/constructs/api-function.ts). */
const APP_FUNCTIONS = cdkId('ImportFunction', 'ExportFunction', 'ApiFunction', 'PublicApiFunction', 'BouncesFunction', 'SendFunction', 'SchedulerFunction');

/** The app's log groups: one per function, the HTTP API's access log. */
const APP_LOG_GROUPS = cdkId('ImportLogs', 'ExportLogs', 'ApiLogs', 'PublicApiLogs', 'BouncesLogs', 'SendLogs', 'SchedulerLogs', 'AccessLogs');

/** The BucketDeployment handler's log group (web stack). */
const DEPLOYMENT_LOGS = cdkId('DeploymentLogs');

/** Every bucket: files and its access log (data stack), site and CloudFront logs (web stack). */
const BUCKETS = cdkId('Files', 'FilesAccessLogs', 'Site', 'Logs');
const LOG_BUCKETS = cdkId('FilesAccessLogs', 'Logs');

const DISTRIBUTION = cdkId('Distribution');

/** The distribution uses the default *.cloudfront.net certificate (no domainName/certificateArn). */
function withoutCustomCertificate(resource: CfnResource): boolean {
  const config = resource.Properties?.DistributionConfig as { ViewerCertificate?: { AcmCertificateArn?: unknown } } | undefined;
  return config?.ViewerCertificate?.AcmCertificateArn === undefined;
}

export const LINT_SUPPRESSIONS: readonly LintSuppression[] = [
  // ----------------------------------------------------------------------------------- cfn-lint
  {
    tool: 'cfn-lint',
    rule: 'W3005',
    logicalId: new RegExp(`${APP_FUNCTIONS.source}|${CDK_HANDLERS.source}`),
    message: /dependency already enforced by a 'GetAtt' at 'Resources\/[A-Za-z0-9]+\/Properties\/Role'$/,
    when: (resource) => resource.Type === 'AWS::Lambda::Function',
    reason:
      "aws-cdk-lib's lambda.Function always adds its execution role to DependsOn as well as reading it with Fn::GetAtt; the duplicate is harmless and cannot be removed without overriding CDK's dependency graph.",
  },

  // ---------------------------------------------------------------------- cfn-guard: API Gateway
  {
    tool: 'cfn-guard',
    rule: 'CT.APIGATEWAY.PR.5',
    logicalId: cdkId('HttpApiGETapiopenapijson', 'HttpApiGETapidocs', 'HttpApiANYapiproxy'),
    when: (resource) => resource.Properties?.AuthorizationType === 'NONE',
    reason:
      'Public by design (as cdk-nag APIG4 in lib/api-stack.ts): residents answer surveys without accounts, and the OpenAPI document and docs page are open. /api/staff/{proxy+} is matched first and has the Cognito JWT authorizer.',
  },

  // --------------------------------------------------------------------------- cfn-guard: Lambda
  {
    tool: 'cfn-guard',
    rule: 'CT.LAMBDA.PR.2',
    logicalId: /^HttpApi[A-Za-z]+IntegrationPermission[0-9A-F]{8}$/,
    when: (resource) => resource.Properties?.Principal === 'apigateway.amazonaws.com' && resource.Properties.SourceArn !== undefined,
    reason:
      "Not public: each permission has a SourceArn, this HTTP API's execute-api ARN for the route. aws-cdk-lib builds it with Fn::Join, and the rule accepts only a literal string or a Ref/GetAtt.",
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.LAMBDA.PR.3',
    logicalId: APP_FUNCTIONS,
    reason:
      'No VPC: the functions reach only AWS APIs (DynamoDB, S3, SES, Secrets Manager, Lambda), over TLS and authorised by IAM, and WardPulse has no private network resource. A VPC would add NAT gateways or an interface endpoint per service, cost and cold-start time, with nothing inside it to protect.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.LAMBDA.PR.3',
    logicalId: CDK_HANDLERS,
    reason: "aws-cdk-lib's own custom-resource handlers (S3 auto-delete in dev, BucketDeployment): they call only S3 and CloudFront APIs, and their function properties are CDK's.",
  },

  // ----------------------------------------------------------------------- cfn-guard: CloudWatch
  {
    tool: 'cfn-guard',
    rule: 'CT.CLOUDWATCH.PR.2',
    logicalId: APP_LOG_GROUPS,
    reason:
      "Kept 90 days on purpose: the logs hold residents' addresses and request details, and data minimisation (UK GDPR storage limitation) says not to keep them a year or forever. Audit records that must last longer are kept elsewhere (the files bucket's access log, 365 days).",
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.CLOUDWATCH.PR.2',
    logicalId: DEPLOYMENT_LOGS,
    reason: 'The BucketDeployment handler logs only the copying of the web build; a month is enough to debug a failed deploy.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.CLOUDWATCH.PR.3',
    logicalId: new RegExp(`${APP_LOG_GROUPS.source}|${DEPLOYMENT_LOGS.source}`),
    reason:
      'CloudWatch Logs encrypts every log group at rest. Like the tables and buckets, WardPulse uses AWS-managed encryption and a customer-managed key only where a service requires one (the SNS topic SES publishes to); a key per stack would add cost and key-policy upkeep, not protection.',
  },

  // ------------------------------------------------------------------------------- cfn-guard: S3
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.10',
    logicalId: BUCKETS,
    reason:
      'SSE-S3, like every store here (see CT.CLOUDWATCH.PR.3): public access is blocked, TLS enforced and access granted per prefix by IAM. SSE-KMS would add KMS permissions and per-request charges for CloudFront (origin access control), log delivery and the browser uploads through pre-signed URLs.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.11',
    logicalId: cdkId('Files'),
    reason:
      'Uploads and exports must be gone 7 days after they are made (lib/data-stack.ts); versioning would keep deleted copies of survey responses and contact data past that.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.11',
    logicalId: cdkId('Site'),
    reason: 'The site bucket holds only the web build, which every deploy writes again from the repository; going back a release is a redeploy.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.11',
    logicalId: LOG_BUCKETS,
    reason: 'Log buckets: log delivery only ever adds new objects, which lifecycle rules expire; there is nothing to overwrite or restore.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.2',
    logicalId: LOG_BUCKETS,
    reason: 'These are the access-log destinations (cdk-nag S1 is acknowledged for them in lib/); logging them into another bucket would only move the problem.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.2',
    logicalId: cdkId('Site'),
    reason: 'Only CloudFront (origin access control) may read the site bucket, and every viewer request is in the CloudFront access logs (cdk-nag S1 is acknowledged in lib/web-stack.ts).',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.4',
    logicalId: BUCKETS,
    reason:
      'Nothing reacts to object events: an import starts when the API has checked the upload, exports are written by the job that reports them, and the site and log buckets have no consumers. Notifications with no destination would be configuration for its own sake.',
  },
  {
    tool: 'cfn-guard',
    rule: 'CT.S3.PR.9',
    logicalId: BUCKETS,
    reason: 'Object Lock would stop the deletions WardPulse relies on: uploads and exports expire after 7 days, logs after their retention, and each deploy replaces the web build.',
  },

  // ----------------------------------------------------------------------- cfn-guard: CloudFront
  {
    tool: 'cfn-guard',
    rule: 'CT.CLOUDFRONT.PR.4',
    logicalId: DISTRIBUTION,
    reason:
      'One region by design: the API and the table it reads live in one region, so a second origin (a replicated site bucket elsewhere) would keep serving a page whose API is down. The site origin is S3, already redundant across the availability zones of its region.',
  },
  ...(['CT.CLOUDFRONT.PR.6', 'CT.CLOUDFRONT.PR.7', 'CT.CLOUDFRONT.PR.9'] as const).map(
    (rule): LintSuppression => ({
      tool: 'cfn-guard',
      rule,
      logicalId: DISTRIBUTION,
      when: withoutCustomCertificate,
      reason:
        'Only a stage without domainName/certificateArn (dev, or prod before its domain is set up) serves from *.cloudfront.net with CloudFront\'s default certificate, whose TLS policy CloudFront fixes (cdk-nag CFR4 is acknowledged the same way). With a domain the distribution uses the ACM certificate, SNI and TLSv1.2_2021, and these controls pass.',
    }),
  ),
];

/** The suppression that covers `finding`, if any. */
export function suppressionFor(finding: LintFinding, files: readonly TemplateFile[]): LintSuppression | undefined {
  const logicalId = finding.logicalId;
  if (logicalId === undefined) return undefined;
  const resource = files.find((file) => file.label === finding.label)?.template.Resources[logicalId];
  return LINT_SUPPRESSIONS.find(
    (suppression) =>
      suppression.tool === finding.tool &&
      suppression.rule === finding.rule &&
      suppression.logicalId.test(logicalId) &&
      (suppression.label?.test(finding.label) ?? true) &&
      (suppression.message?.test(finding.message) ?? true) &&
      (suppression.when === undefined || (resource !== undefined && suppression.when(resource))),
  );
}
