/**
 * The API: one Lambda (the Hono app) behind an HTTP API. Staff routes need a Cognito access token
 * checked by a JWT authorizer (the app verifies it again and reads the roles); resident, health
 * and docs routes are public and rely on stage throttling and the app's own validation.
 */
import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE } from '@wardpulse/data/table';
import { ApiFunction } from './constructs/api-function.ts';
import { API_ENTRY } from './paths.ts';

export interface ApiStackProps extends StackProps {
  stage: string;
  version: string;
  table: ITableV2;
  /** The staff console's client: the only audience the JWT authorizer accepts. */
  userPoolClient: IUserPoolClient;
  /** The OpenID issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`). */
  issuer: string;
  /** The only origin browsers may call the API from directly (CloudFront serves it same-origin). */
  allowedOrigin: string;
}

/** Largest request body the API accepts, in bytes (the app enforces it). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Default-stage limits: generous for a survey, low enough to blunt a flood on public routes. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** Item reads and writes (what grantReadWriteData allows, without the stream actions). */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
];

/** One JSON object per request; `user` is the staff subject on authorised routes, empty otherwise. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  user: '$context.authorizer.claims.sub',
});

export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  /** The API's host name, without scheme: what CloudFront uses as the `/api/*` origin. */
  readonly apiDomain: string;
  readonly apiFunction: ApiFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';

    this.apiFunction = new ApiFunction(this, 'Api', {
      entry: API_ENTRY,
      handler: 'handler',
      description: `WardPulse API (${props.stage})`,
      stage: props.stage,
      environment: {
        TABLE_NAME: props.table.tableName,
        OIDC_ISSUER: props.issuer,
        OIDC_CLIENT_ID: props.userPoolClient.userPoolClientId,
        ALLOWED_ORIGIN: props.allowedOrigin,
        STAGE: props.stage,
        APP_VERSION: props.version,
        MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    const handler = this.apiFunction.function;
    // grantReadWriteData would also allow stream reads and every index ("<table>/index/*"); name
    // the table's own indexes from the shared definition instead.
    Grant.addToPrincipal({
      grantee: handler,
      actions: TABLE_DATA_ACTIONS,
      resourceArns: [props.table.tableArn, ...TABLE.globalIndexes.map((index) => `${props.table.tableArn}/index/${index.indexName}`)],
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `wardpulse-${props.stage}`,
      description: `WardPulse API (${props.stage})`,
      corsPreflight: {
        allowOrigins: [props.allowedOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ['Authorization', 'Content-Type'],
        allowCredentials: false,
      },
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', handler);
    const staffAuthorizer = new HttpJwtAuthorizer('StaffJwtAuthorizer', props.issuer, {
      authorizerName: 'cognito-staff',
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    this.httpApi.addRoutes({ path: '/api/staff/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer: staffAuthorizer });
    const publicRoutes = this.httpApi.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration });
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: residents answer surveys without accounts, and health/openapi/docs are open. Staff paths are matched first by /api/staff/{proxy+}, which has the JWT authorizer.',
      });
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const defaultStage = this.httpApi.defaultStage?.node.defaultChild;
    if (!(defaultStage instanceof CfnStage)) throw new Error('The HTTP API has no default stage to configure.');
    defaultStage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
    defaultStage.defaultRouteSettings = {
      throttlingRateLimit: API_THROTTLE.rateLimit,
      throttlingBurstLimit: API_THROTTLE.burstLimit,
      detailedMetricsEnabled: true,
    };

    this.apiDomain = `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint, description: 'HTTP API endpoint (CloudFront serves it under /api)' });
  }
}
