/**
 * Per-client protection at the edge: an AWS WAF web ACL for the CloudFront distribution, with a
 * per-address rate limit and AWS's managed common and known-bad-input rules. CloudFront only
 * accepts web ACLs of scope CLOUDFRONT, and those exist only in us-east-1, so this is its own stack.
 */
import { CfnOutput, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The one region CloudFront reads web ACLs (and certificates) from. */
export const EDGE_REGION = 'us-east-1';

/** The rate limit counts each address's requests over the trailing 5 minutes. */
export const WAF_RATE_WINDOW_SECONDS = 300;

/** The key of the rate-limit body in the web ACL's custom response bodies. */
export const RATE_LIMITED_BODY_KEY = 'rate-limited';

/**
 * The same error shape and code the API sends for its own per-address limits
 * (`RateLimitedError`, `request.rate_limited`), so clients treat both alike.
 */
export const RATE_LIMITED_BODY = JSON.stringify({
  error: { code: 'request.rate_limited', message: 'Too many requests from your network; wait a few minutes and try again.' },
});

/**
 * The count covers the trailing window, so a client that keeps retrying keeps itself blocked;
 * two minutes lets it fall. The resident outbox honours `Retry-After`.
 */
export const RATE_LIMITED_RETRY_AFTER_SECONDS = 120;

export interface EdgeStackProps extends StackProps {
  stage: string;
  /** Requests one address may make per 5 minutes before it gets a 429 (`wafRateLimit`, lib/config.ts). */
  rateLimit: number;
}

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;
  /** The web ACL's ARN: what CloudFront's `webAclId` takes for WAFv2. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (!Token.isUnresolved(this.region) && this.region !== EDGE_REGION) {
      throw new Error(`EdgeStack must be in ${EDGE_REGION} (CloudFront web ACLs exist only there), not ${this.region}.`);
    }
    const metric = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `wardpulse-${props.stage}-${name}`,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `wardpulse-${props.stage}-edge`,
      description: `WardPulse ${props.stage}: per-address rate limit and AWS managed rules in front of CloudFront`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('edge'),
      customResponseBodies: {
        [RATE_LIMITED_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        // First, so a flood is counted and cut off before the managed rules spend time on it.
        {
          name: 'rate-per-address',
          priority: 0,
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: props.rateLimit, evaluationWindowSec: WAF_RATE_WINDOW_SECONDS },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: RATE_LIMITED_BODY_KEY,
                responseHeaders: [{ name: 'Retry-After', value: String(RATE_LIMITED_RETRY_AFTER_SECONDS) }],
              },
            },
          },
          visibilityConfig: metric('rate-per-address'),
        },
        {
          name: 'aws-common',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // SizeRestrictions_BODY blocks any body over 8 KB, but a survey response may be up
              // to 64 KB (MAX_BODY_BYTES in api-stack.ts), and the API enforces that limit itself
              // with a 413 in our error shape. Counting keeps the metric without refusing residents.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: metric('aws-common'),
        },
        {
          name: 'aws-known-bad-inputs',
          priority: 2,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          visibilityConfig: metric('aws-known-bad-inputs'),
        },
      ],
    });
    this.webAclArn = this.webAcl.attrArn;

    new CfnOutput(this, 'WebAclArn', { value: this.webAclArn, description: 'WAF web ACL attached to the CloudFront distribution' });
  }
}
