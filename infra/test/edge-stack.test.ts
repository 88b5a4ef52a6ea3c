import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EdgeStack } from '../lib/edge-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const EDGE_ENV = { ...TEST_ENV, region: 'us-east-1' } as const;

function synth(rateLimit: number) {
  const app = createTestApp();
  return synthWithNag(new EdgeStack(app, 'WardPulse-prod-Edge', { env: EDGE_ENV, stage: 'prod', rateLimit }));
}

interface Rule {
  Name: string;
  Priority: number;
  Statement: Record<string, Record<string, unknown>>;
  Action?: Record<string, unknown>;
  OverrideAction?: Record<string, unknown>;
  VisibilityConfig: Record<string, unknown>;
}

function webAcl(template: Template): { Scope: string; Rules: Rule[]; CustomResponseBodies: Record<string, { ContentType: string; Content: string }>; VisibilityConfig: unknown } {
  const acls = Object.values(template.findResources('AWS::WAFv2::WebACL')) as { Properties: ReturnType<typeof webAcl> }[];
  expect(acls).toHaveLength(1);
  return acls[0]!.Properties;
}

const ruleFor = (template: Template, statement: string, name?: string): Rule | undefined =>
  webAcl(template).Rules.find((rule) => statement in rule.Statement && (name === undefined || rule.Statement[statement]?.Name === name));

describe('EdgeStack', () => {
  const { template, errors, warnings } = synth(1500);

  it('makes a web ACL CloudFront can use, allowing what no rule blocks', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('blocks an address over the configured limit per 5 minutes with a 429 in the API error shape', () => {
    const rule = ruleFor(template, 'RateBasedStatement');
    expect(rule?.Statement.RateBasedStatement).toEqual({ AggregateKeyType: 'IP', Limit: 1500, EvaluationWindowSec: 300 });
    expect(rule?.Action).toEqual({
      Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'rate-limited', ResponseHeaders: [{ Name: 'Retry-After', Value: '120' }] } },
    });

    const body = webAcl(template).CustomResponseBodies['rate-limited'];
    expect(body?.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body?.Content ?? 'null')).toEqual({
      error: { code: 'request.rate_limited', message: 'Too many requests from your network; wait a few minutes and try again.' },
    });
  });

  it('takes the limit from its props', () => {
    expect(ruleFor(synth(100).template, 'RateBasedStatement')?.Statement.RateBasedStatement?.Limit).toBe(100);
  });

  it('runs the AWS common rule set but only counts its 8 KB body-size rule, since survey bodies reach 64 KB', () => {
    const rule = ruleFor(template, 'ManagedRuleGroupStatement', 'AWSManagedRulesCommonRuleSet');
    expect(rule?.OverrideAction).toEqual({ None: {} });
    expect(rule?.Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
  });

  it('runs the AWS known-bad-inputs rule set as AWS ships it', () => {
    const rule = ruleFor(template, 'ManagedRuleGroupStatement', 'AWSManagedRulesKnownBadInputsRuleSet');
    expect(rule?.OverrideAction).toEqual({ None: {} });
    expect(rule?.Statement.ManagedRuleGroupStatement).toEqual({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
  });

  it('counts the rate limit first, so a flood is cut off before the managed rules look at it', () => {
    const names = [...webAcl(template).Rules].sort((a, b) => a.Priority - b.Priority).map((rule) => Object.keys(rule.Statement)[0]);
    expect(names[0]).toBe('RateBasedStatement');
    expect(new Set(webAcl(template).Rules.map((rule) => rule.Priority)).size).toBe(3);
  });

  it('publishes CloudWatch metrics and sampled requests for the ACL and every rule', () => {
    const acl = webAcl(template);
    const configs = [acl.VisibilityConfig, ...acl.Rules.map((rule) => rule.VisibilityConfig)];
    expect(configs).toHaveLength(4);
    for (const config of configs) {
      expect(config).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: expect.stringMatching(/^wardpulse-prod-[a-z-]+$/) });
    }
    expect(new Set(configs.map((config) => (config as { MetricName: string }).MetricName)).size).toBe(4);
  });

  it('outputs the ACL ARN', () => {
    template.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAcl'), 'Arn'] } });
  });

  it('refuses any region but us-east-1, the only one CloudFront reads web ACLs from', () => {
    const app = createTestApp();
    expect(() => new EdgeStack(app, 'WardPulse-prod-Edge', { env: TEST_ENV, stage: 'prod', rateLimit: 2000 })).toThrow(/us-east-1/);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
