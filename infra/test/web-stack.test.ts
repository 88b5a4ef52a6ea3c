import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { DataStack } from '../lib/data-stack.ts';
import { EdgeStack } from '../lib/edge-stack.ts';
import { API_VIEWER, ORIGIN_HEADER, VIEWER_HEADER } from '../lib/origin.ts';
import { WebStack } from '../lib/web-stack.ts';
import { createTestApp, fakeWebBuild, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';
const API_DOMAIN = 'abc123.execute-api.eu-west-2.amazonaws.com';
const FILES_DOMAIN = 'wardpulse-prod-data-files8e6940b8-abc123.s3.eu-west-2.amazonaws.com';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-aaaa-bbbb-cccc-123456789abc';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/wardpulse-prod-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

const build = fakeWebBuild();
afterAll(() => build.remove());

function synth(stage: string, options: { domainName?: string; certificateArn?: string; webAclArn?: string } = {}) {
  const app = createTestApp();
  const stack = new WebStack(app, `WardPulse-${stage}-Web`, {
    env: TEST_ENV,
    stage,
    apiDomain: API_DOMAIN,
    webAssetPath: build.path,
    allowedOrigin: ORIGIN,
    filesBucketDomain: FILES_DOMAIN,
    ...options,
  });
  return synthWithNag(stack);
}

function distributionConfig(template: Template): Record<string, unknown> {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  return (distribution as { Properties: { DistributionConfig: Record<string, unknown> } }).Properties.DistributionConfig;
}

/** The site's content security policy, as written in the template (a string or an Fn::Join). */
function sitePolicy(template: Template): unknown {
  const policies = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as {
    Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: { ContentSecurityPolicy?: { ContentSecurityPolicy: unknown } } } };
  }[];
  const withCsp = policies.flatMap((policy) => policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy ?? []);
  expect(withCsp).toHaveLength(1);
  return withCsp[0]?.ContentSecurityPolicy;
}

describe('WebStack', () => {
  const prod = synth('prod', { domainName: 'wardpulse.example-police.uk', certificateArn: CERTIFICATE_ARN, webAclArn: WEB_ACL_ARN });
  const dev = synth('dev');

  it('keeps the site bucket private and reachable only through origin access control', () => {
    prod.template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
    });
    prod.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    prod.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ S3OriginConfig: Match.anyValue(), OriginAccessControlId: Match.anyValue() })]),
      }),
    });
    prod.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('empties and deletes buckets with the stack only in dev', () => {
    prod.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    prod.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    expect(Object.keys(dev.template.findResources('Custom::S3AutoDeleteObjects')).length).toBeGreaterThan(0);
  });

  it('redirects to HTTPS, requires TLS 1.2 and rewrites client-side routes with a function', () => {
    const config = distributionConfig(prod.template);
    expect(config).toMatchObject({
      Aliases: ['wardpulse.example-police.uk'],
      ViewerCertificate: { AcmCertificateArn: CERTIFICATE_ARN, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
      },
      Logging: expect.anything(),
    });
    // The SPA fallback must not be distribution-wide: it would turn API 404s into index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
    prod.template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0', Comment: Match.anyValue() },
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
    });
  });

  it('proxies /api/* to the HTTP API without caching', () => {
    const config = distributionConfig(prod.template);
    const origins = config.Origins as { Id: string; DomainName: string; CustomOriginConfig?: Record<string, unknown> }[];
    const apiOrigin = origins.find((origin) => origin.DomainName === API_DOMAIN);
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/api/*',
        TargetOriginId: apiOrigin?.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ResponseHeadersPolicyId: expect.anything(),
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
      }),
    ]);
  });

  it('adds the origin secret to API requests from Secrets Manager at deploy time, never as a value in the template', () => {
    const config = distributionConfig(prod.template);
    const apiOrigin = (config.Origins as { DomainName: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[]).find((origin) => origin.DomainName === API_DOMAIN);
    expect(apiOrigin?.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_HEADER, HeaderValue: '{{resolve:secretsmanager:wardpulse-prod-origin:SecretString:::}}' }]);
  });

  it('passes the viewer address CloudFront saw in its own header, overwriting one the client sent', () => {
    const handler = new Function(`${API_VIEWER}; return handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };
    const request = handler({ viewer: { ip: '192.0.2.44' }, request: { uri: '/api/public/responses', headers: { [VIEWER_HEADER]: { value: '10.0.0.1' }, 'x-forwarded-for': { value: '10.0.0.2' } } } });
    expect(request.headers[VIEWER_HEADER]).toEqual({ value: '192.0.2.44' });
    const fn = Object.values(prod.template.findResources('AWS::CloudFront::Function')).map((resource) => (resource as { Properties: { FunctionCode: string } }).Properties.FunctionCode);
    expect(fn).toContain(API_VIEWER);
  });

  it('sends security headers, with the SPA CSP on the site only', () => {
    prod.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "connect-src 'self' https://\\*\\.amazoncognito\\.com https://cognito-idp\\.eu-west-2\\.amazonaws\\.com https://",
            ),
            Override: true,
          },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    prod.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: Match.absent(), FrameOptions: { FrameOption: 'DENY', Override: true } }),
      }),
    });
  });

  it('lets the staff console connect to the files bucket\'s regional endpoint to PUT uploads', () => {
    const connectSrc = String(sitePolicy(prod.template))
      .split('; ')
      .find((directive) => directive.startsWith('connect-src '));

    expect(connectSrc).toBe(`connect-src 'self' https://*.amazoncognito.com https://cognito-idp.eu-west-2.amazonaws.com https://${FILES_DOMAIN}`);
  });

  it('takes the files endpoint from the data stack\'s bucket when wired together', () => {
    const app = createTestApp();
    const data = new DataStack(app, 'WardPulse-prod-Data', { env: TEST_ENV, stage: 'prod', allowedOrigin: ORIGIN });
    const web = new WebStack(app, 'WardPulse-prod-Web', {
      env: TEST_ENV,
      stage: 'prod',
      apiDomain: API_DOMAIN,
      webAssetPath: build.path,
      allowedOrigin: ORIGIN,
      filesBucketDomain: data.filesBucket.bucketRegionalDomainName,
    });
    const { template, errors, warnings } = synthWithNag(web);
    expect([...errors, ...warnings]).toEqual([]);

    const [, parts] = (sitePolicy(template) as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const endpoint = parts.findIndex((part) => JSON.stringify(part) === JSON.stringify(web.resolve(data.filesBucket.bucketRegionalDomainName)));
    expect(endpoint).toBeGreaterThan(0);
    expect(parts[endpoint - 1]).toMatch(/; connect-src [^;]* https:\/\/$/);
    expect(JSON.stringify(parts[endpoint])).toContain('RegionalDomainName');
  });

  it('puts the WAF web ACL in front of the distribution when given one', () => {
    expect(distributionConfig(prod.template).WebACLId).toBe(WEB_ACL_ARN);
  });

  it('has no web ACL when WAF is off', () => {
    expect(distributionConfig(dev.template)).not.toHaveProperty('WebACLId');
  });

  it('reads the ACL ARN from the us-east-1 edge stack at deploy time, without cross-region export custom resources', () => {
    const app = createTestApp();
    const edge = new EdgeStack(app, 'WardPulse-prod-Edge', { env: { ...TEST_ENV, region: 'us-east-1' }, stage: 'prod', rateLimit: 2000 });
    const web = new WebStack(app, 'WardPulse-prod-Web', {
      env: TEST_ENV,
      crossRegionReferences: true,
      stage: 'prod',
      apiDomain: API_DOMAIN,
      webAssetPath: build.path,
      allowedOrigin: ORIGIN,
      filesBucketDomain: FILES_DOMAIN,
      webAclArn: edge.webAclArn,
    });
    const { template, errors, warnings } = synthWithNag(web);

    const webAclId = distributionConfig(template).WebACLId as { 'Fn::GetStackOutput': { StackName: string; Region: string; OutputName: string } };
    expect(webAclId['Fn::GetStackOutput']).toMatchObject({ StackName: 'WardPulse-prod-Edge', Region: 'us-east-1' });
    const edgeOutputs = Template.fromStack(edge).toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(edgeOutputs[webAclId['Fn::GetStackOutput'].OutputName]?.Value).toEqual({ 'Fn::GetAtt': ['WebAcl', 'Arn'] });
    expect(web.dependencies).toContain(edge);
    expect(Object.keys(template.toJSON().Resources as object).filter((id) => /ExportReader|ExportWriter/.test(id))).toEqual([]);
    expect([...errors, ...warnings]).toEqual([]);
  });

  it('outputs the CloudFront URL', () => {
    prod.template.hasOutput('WebUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] } });
  });

  it('uploads the build and invalidates the distribution', () => {
    prod.template.resourceCountIs('Custom::CDKBucketDeployment', 2);
    prod.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionId: Match.anyValue(),
      DistributionPaths: ['/*'],
      Exclude: ['assets/*'],
    });
  });

  it('refuses to synthesise without a built web app', () => {
    const app = createTestApp();
    expect(
      () =>
        new WebStack(app, 'NoBuild', {
          env: TEST_ENV,
          stage: 'dev',
          apiDomain: API_DOMAIN,
          allowedOrigin: ORIGIN,
          filesBucketDomain: FILES_DOMAIN,
          webAssetPath: '/nonexistent/web/dist',
        }),
    ).toThrow(/pnpm --filter @wardpulse\/web build/);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
    expect(dev.errors).toEqual([]);
    expect(dev.warnings).toEqual([]);
  });
});
