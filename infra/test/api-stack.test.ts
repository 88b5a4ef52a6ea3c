import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE } from '@wardpulse/data/table';
import { API_THROTTLE, ApiStack, MAX_BODY_BYTES, TABLE_DATA_ACTIONS } from '../lib/api-stack.ts';
import { AuthStack } from '../lib/auth-stack.ts';
import { DataStack } from '../lib/data-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';

function synth(stage: string) {
  const app = createTestApp();
  const common = { env: TEST_ENV, stage };
  const data = new DataStack(app, `WardPulse-${stage}-Data`, common);
  const auth = new AuthStack(app, `WardPulse-${stage}-Auth`, { ...common, allowedOrigin: ORIGIN, authDomainPrefix: `wardpulse-${stage}` });
  const stack = new ApiStack(app, `WardPulse-${stage}-Api`, {
    ...common,
    version: '1.2.3',
    table: data.table,
    userPoolClient: auth.userPoolClient,
    issuer: auth.issuer,
    allowedOrigin: ORIGIN,
  });
  return { stack, ...synthWithNag(stack) };
}

/** The single route whose key is `routeKey`, with its properties. */
function route(template: ReturnType<typeof synth>['template'], routeKey: string): Record<string, unknown> {
  const matches = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(matches).toHaveLength(1);
  return (matches[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('ApiStack', () => {
  const prod = synth('prod');

  it('runs the API on Node.js 22, arm64, with tracing and JSON logs', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    prod.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('configures the API through its environment', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: Match.anyValue(),
          OIDC_ISSUER: Match.anyValue(),
          OIDC_CLIENT_ID: Match.anyValue(),
          ALLOWED_ORIGIN: ORIGIN,
          STAGE: 'prod',
          APP_VERSION: '1.2.3',
          MAX_BODY_BYTES: String(MAX_BODY_BYTES),
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_SERVICE_NAME: 'wardpulse-api',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('grants item reads and writes on the table and its own indexes only', () => {
    const statements = Object.values(prod.template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    const dynamo = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]?.Action].flat().sort()).toEqual([...TABLE_DATA_ACTIONS].sort());
    const resources = JSON.stringify(dynamo[0]?.Resource);
    for (const index of TABLE.globalIndexes) expect(resources).toContain(`/index/${index.indexName}`);
    expect(resources).not.toContain('/index/*');
    expect(resources).not.toContain('/stream/');

    const otherActions = statements.flatMap((statement) => [statement.Action].flat()).filter((action) => !action.startsWith('dynamodb:'));
    expect(otherActions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    prod.template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('puts the JWT authorizer on staff routes only', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    expect(route(prod.template, 'ANY /api/staff/{proxy+}')).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
    const publicRoute = route(prod.template, 'ANY /api/{proxy+}');
    expect(publicRoute.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(publicRoute.AuthorizerId).toBeUndefined();
  });

  it('allows CORS from the web origin only', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [ORIGIN],
        AllowHeaders: ['Authorization', 'Content-Type'],
        AllowCredentials: false,
      }),
    });
  });

  it('throttles the default stage and writes JSON access logs', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit, DetailedMetricsEnabled: true },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"') },
    });
    const stage = Object.values(prod.template.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    expect(Object.keys(JSON.parse(stage.Properties.AccessLogSettings.Format) as object)).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency']),
    );
  });

  it('exposes the API host name for CloudFront', () => {
    expect(prod.stack.resolve(prod.stack.apiDomain)).toEqual({
      'Fn::Join': ['', [{ Ref: expect.stringMatching(/^HttpApi/) }, '.execute-api.eu-west-2.', { Ref: 'AWS::URLSuffix' }]],
    });
    prod.template.hasOutput('ApiUrl', {});
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
  });
});
