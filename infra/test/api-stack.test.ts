import { Match, type Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { TABLE } from '@wardpulse/data/table';
import { API_THROTTLE, ApiStack, EXPORT_LIMITS, MAX_BODY_BYTES, TABLE_DATA_ACTIONS } from '../lib/api-stack.ts';
import { AuthStack } from '../lib/auth-stack.ts';
import { DataStack } from '../lib/data-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';

function synth(stage: string, extend?: (stack: ApiStack, data: DataStack) => void) {
  const app = createTestApp();
  const common = { env: TEST_ENV, stage };
  const data = new DataStack(app, `WardPulse-${stage}-Data`, { ...common, allowedOrigin: ORIGIN });
  const auth = new AuthStack(app, `WardPulse-${stage}-Auth`, { ...common, allowedOrigin: ORIGIN, authDomainPrefix: `wardpulse-${stage}` });
  const stack = new ApiStack(app, `WardPulse-${stage}-Api`, {
    ...common,
    version: '1.2.3',
    table: data.table,
    userPoolClient: auth.userPoolClient,
    issuer: auth.issuer,
    allowedOrigin: ORIGIN,
    filesBucket: data.filesBucket,
  });
  extend?.(stack, data);
  return { stack, data, ...synthWithNag(stack) };
}

/** The single route whose key is `routeKey`, with its properties. */
function route(template: Template, routeKey: string): Record<string, unknown> {
  const matches = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(matches).toHaveLength(1);
  return (matches[0] as { Properties: Record<string, unknown> }).Properties;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of the policies attached to the role whose logical ID starts with `rolePrefix`. */
type RolePrefix = 'ApiRole' | 'PublicApiRole' | 'ImportRole' | 'ExportRole';

function statementsOf(template: Template, rolePrefix: RolePrefix): Statement[] {
  type Policy = { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } };
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Policy[];
  const attached = policies.filter((policy) => policy.Properties.Roles.some((role) => role.Ref.startsWith(rolePrefix)));
  expect(attached.length).toBeGreaterThan(0);
  return attached.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actionsOf = (statement: Statement): string[] => [statement.Action].flat().sort();

/** The statements that grant any action of `service` (e.g. `s3`). */
const grantsOn = (statements: Statement[], service: string): Statement[] =>
  statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith(`${service}:`)));

describe('ApiStack', () => {
  const prod = synth('prod');

  const importFunctionId = prod.stack.getLogicalId(prod.stack.importFunction.function.node.defaultChild as CfnFunction);
  const exportFunctionId = prod.stack.getLogicalId(prod.stack.exportFunction.function.node.defaultChild as CfnFunction);
  // Resolved in the API stack after synthesis, these are the cross-stack references it really uses.
  const importObjectsArn = prod.stack.resolve(prod.data.filesBucket.arnForObjects('imports/*')) as unknown;
  const exportObjectsArn = prod.stack.resolve(prod.data.filesBucket.arnForObjects('exports/*')) as unknown;
  const filesBucketName = prod.stack.resolve(prod.data.filesBucket.bucketName) as unknown;
  const tableName = prod.stack.resolve(prod.data.table.tableName) as unknown;

  it('runs the API on Node.js 22, arm64, with tracing and JSON logs', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      ReservedConcurrentExecutions: Match.absent(),
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    prod.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('configures the API through its environment', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: tableName,
          OIDC_ISSUER: Match.anyValue(),
          OIDC_CLIENT_ID: Match.anyValue(),
          FILES_BUCKET: filesBucketName,
          IMPORT_FUNCTION_NAME: { Ref: importFunctionId },
          EXPORT_FUNCTION_NAME: { Ref: exportFunctionId },
          ALLOWED_ORIGIN: ORIGIN,
          STAGE: 'prod',
          APP_VERSION: '1.2.3',
          MAX_BODY_BYTES: String(MAX_BODY_BYTES),
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_SERVICE_NAME: 'wardpulse-api',
          ORIGIN_SECRET_ARN: { Ref: Match.stringLikeRegexp('^OriginSecret') },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('runs imports on Node.js 22, arm64, for up to 15 minutes, two at a time', () => {
    prod.template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1536,
        Timeout: 900,
        ReservedConcurrentExecutions: 2,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^ImportLogs') } }),
      }),
    });
    expect(Object.keys(prod.template.findResources('AWS::Lambda::Function', { Properties: { Timeout: 900 } })).sort()).toEqual([importFunctionId, exportFunctionId].sort());
  });

  it('configures the import job through its environment', () => {
    const importFunction = prod.template.toJSON().Resources[importFunctionId] as { Properties: { Environment: { Variables: Record<string, unknown> } } };

    expect(importFunction.Properties.Environment.Variables).toEqual({
      TABLE_NAME: tableName,
      FILES_BUCKET: filesBucketName,
      OIDC_ISSUER: expect.anything(),
      OIDC_CLIENT_ID: expect.anything(),
      STAGE: 'prod',
      APP_VERSION: '1.2.3',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'wardpulse-import',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('runs exports on Node.js 22, arm64, for up to 15 minutes, two at a time, logging to their own group', () => {
    const exportFunction = prod.template.toJSON().Resources[exportFunctionId] as { Properties: Record<string, unknown> };

    expect(exportFunction.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: EXPORT_LIMITS.memoryMb,
      Timeout: EXPORT_LIMITS.timeoutMinutes * 60,
      ReservedConcurrentExecutions: EXPORT_LIMITS.reservedConcurrency,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: expect.objectContaining({ LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^ExportLogs/) } }),
    });
  });

  it('configures the export job through its environment', () => {
    const exportFunction = prod.template.toJSON().Resources[exportFunctionId] as { Properties: { Environment: { Variables: Record<string, unknown> } } };

    expect(exportFunction.Properties.Environment.Variables).toEqual({
      TABLE_NAME: tableName,
      FILES_BUCKET: filesBucketName,
      OIDC_ISSUER: expect.anything(),
      OIDC_CLIENT_ID: expect.anything(),
      STAGE: 'prod',
      APP_VERSION: '1.2.3',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'wardpulse-export',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('invokes each job once, letting a throttled one wait its turn for up to six hours', () => {
    prod.template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
    prod.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: exportFunctionId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: EXPORT_LIMITS.maxEventAgeHours * 60 * 60,
    });
    prod.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: importFunctionId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 6 * 60 * 60,
    });
  });

  it('grants each function item reads and writes on the table and its own indexes only', () => {
    for (const role of ['ApiRole', 'ImportRole', 'ExportRole'] as const) {
      const dynamo = grantsOn(statementsOf(prod.template, role), 'dynamodb');

      expect(dynamo).toHaveLength(1);
      expect(actionsOf(dynamo[0] as Statement)).toEqual([...TABLE_DATA_ACTIONS].sort());
      const resources = JSON.stringify(dynamo[0]?.Resource);
      for (const index of TABLE.globalIndexes) expect(resources).toContain(`/index/${index.indexName}`);
      expect(resources).not.toContain('/index/*');
      expect(resources).not.toContain('/stream/');
    }
  });

  it('lets the API sign uploads and check they arrived under imports/, and check and sign downloads under exports/', () => {
    expect(grantsOn(statementsOf(prod.template, 'ApiRole'), 's3')).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: importObjectsArn },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: exportObjectsArn },
    ]);
    expect(JSON.stringify(importObjectsArn)).toMatch(/"\/imports\/\*"\]\]\}$/);
    expect(JSON.stringify(exportObjectsArn)).toMatch(/"\/exports\/\*"\]\]\}$/);
  });

  it('lets the export job write (and abort writing) files under exports/ only, and read none', () => {
    expect(grantsOn(statementsOf(prod.template, 'ExportRole'), 's3')).toEqual([{ Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: exportObjectsArn }]);
  });

  it('lets the import job read uploads under imports/ only', () => {
    expect(grantsOn(statementsOf(prod.template, 'ImportRole'), 's3')).toEqual([{ Effect: 'Allow', Action: 's3:GetObject', Resource: importObjectsArn }]);
  });

  it('lets the API invoke the import and export functions and nothing else', () => {
    const invoke = grantsOn(statementsOf(prod.template, 'ApiRole'), 'lambda');
    expect(invoke).toEqual([{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: expect.any(Array) }]);
    expect(invoke[0]?.Resource).toHaveLength(2);
    expect(invoke[0]?.Resource).toEqual(expect.arrayContaining([{ 'Fn::GetAtt': [importFunctionId, 'Arn'] }, { 'Fn::GetAtt': [exportFunctionId, 'Arn'] }]));
    expect(grantsOn(statementsOf(prod.template, 'ImportRole'), 'lambda')).toEqual([]);
    expect(grantsOn(statementsOf(prod.template, 'ExportRole'), 'lambda')).toEqual([]);
  });

  it('grants nothing beyond logs, tracing, the table, the files each needs and the jobs', () => {
    const allActions = (role: RolePrefix) => [...new Set(statementsOf(prod.template, role).flatMap(actionsOf))].sort();
    const base = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments', ...TABLE_DATA_ACTIONS];

    expect(allActions('ApiRole')).toEqual([...base, 's3:GetObject', 's3:PutObject', 'lambda:InvokeFunction', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'].sort());
    expect(allActions('ImportRole')).toEqual([...base, 's3:GetObject'].sort());
    expect(allActions('ExportRole')).toEqual([...base, 's3:AbortMultipartUpload', 's3:PutObject'].sort());
    for (const role of ['ApiRole', 'ImportRole', 'ExportRole'] as const) {
      expect(statementsOf(prod.template, role).every((statement) => statement.Effect === 'Allow' && statement.Condition === undefined)).toBe(true);
    }
    prod.template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('gives both API functions the origin secret to check CloudFront’s header against, and nothing else of Secrets Manager', () => {
    const [secretId] = Object.keys(prod.template.findResources('AWS::SecretsManager::Secret'));
    prod.template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'wardpulse-prod-origin', GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) });
    for (const role of ['ApiRole', 'PublicApiRole'] as const) {
      expect(grantsOn(statementsOf(prod.template, role), 'secretsmanager')).toEqual([{ Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: { Ref: secretId } }]);
    }
    for (const role of ['ImportRole', 'ExportRole'] as const) expect(grantsOn(statementsOf(prod.template, role), 'secretsmanager')).toEqual([]);
    const functions = Object.values(prod.template.findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    expect(functions.filter((fn) => JSON.stringify(fn.Properties.Environment?.Variables?.ORIGIN_SECRET_ARN) === JSON.stringify({ Ref: secretId }))).toHaveLength(2);
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
    // Paths and queries can carry ids and tokens from old e-mail links: the log has the route key only.
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/\$context\.(path|rawPath|rawQueryString|requestUri)/);
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

  it('still reports a wildcard that is not the files bucket\'s imports/ or exports/ prefix', () => {
    const widened = synth('prod', (stack) =>
      stack.importFunction.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::another-bucket/imports/*'] })),
    );

    expect(widened.errors.map((finding) => finding.rule)).toEqual(['AwsSolutions-IAM5[Resource::arn:aws:s3:::another-bucket/imports/*]']);
  });

  it('reports the export job reaching into imports/, which its role is not allowed a wildcard for', () => {
    const widened = synth('prod', (stack, data) =>
      stack.exportFunction.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [data.filesBucket.arnForObjects('imports/*')] })),
    );

    expect(widened.errors.map((finding) => finding.rule)).toEqual([expect.stringMatching(/^AwsSolutions-IAM5\[Resource::.*\/imports\/\*\]$/)]);
  });
});
