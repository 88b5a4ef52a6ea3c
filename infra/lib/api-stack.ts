/**
 * The API: two Lambdas (one Hono app split by audience) behind an HTTP API: the residents' function
 * serves every public path, the staff function `/api/staff/*` and the API reference. Staff routes need a Cognito access token
 * checked by a JWT authorizer (the app verifies it again and reads the roles); resident, health
 * and docs routes are public and rely on stage throttling and the app's own validation.
 * Beside it, two job Lambdas the API invokes asynchronously: the import job streams an upload
 * from the files bucket (`imports/`) into the table; the export job streams a CSV, XLSX or GeoJSON
 * export from the table into the files bucket (`exports/`). Two functions rather than one generic
 * job function, so each role holds only its own grants (the export job cannot read uploads, the
 * import job cannot write exports) and a long postcode import never holds up an analyst's export.
 */
import { Aspects, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE } from '@wardpulse/data/table';
import { ApiFunction } from './constructs/api-function.ts';
import { FILE_PREFIXES } from './data-stack.ts';
import { AcknowledgeWildcards } from './nag.ts';
import { originSecretName } from './origin.ts';
import { API_ENTRY, EXPORT_ENTRY, HIGHS_WASM, IMPORT_ENTRY, PUBLIC_API_ENTRY } from './paths.ts';

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
  /**
   * Uploads land under `imports/`: the API pre-signs the PUT, the import job reads them back.
   * Exports land under `exports/`: the export job writes them, the API pre-signs the GET.
   */
  filesBucket: IBucket;
}

/** Largest request body the API accepts, in bytes (the app enforces it). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Default-stage limits: generous for a survey, low enough to blunt a flood on public routes. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * The import job: 15 minutes (Lambda's maximum) for a national postcode file; two at a time so
 * imports cannot swamp the on-demand table. Lambda keeps retrying throttled async events, so a
 * third import waits its turn; `maxEventAgeHours` is how long before it would be dropped.
 */
export const IMPORT_LIMITS = { timeoutMinutes: 15, memoryMb: 1536, reservedConcurrency: 2, maxEventAgeHours: 6 } as const;

/**
 * The export job: streamed, so memory stays flat whatever the survey's size; the memory buys CPU
 * (Lambda scales CPU with memory) for CSV/XLSX encoding and compression. Two at a time, so
 * exports cannot swamp the table's reads; 15 minutes covers far more than 100,000 responses.
 */
export const EXPORT_LIMITS = { timeoutMinutes: 15, memoryMb: 1536, reservedConcurrency: 2, maxEventAgeHours: 6 } as const;

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

/**
 * One JSON object per request; `user` is the staff subject on authorised routes, empty otherwise.
 * The route key, never the path or query: paths and queries can hold ids and, from old e-mail links,
 * tokens (postcodes go in bodies), and an access log is read by more people than the data is.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
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
  /** The staff function: `/api/staff/*` (behind the JWT authorizer) and the API reference. */
  readonly apiFunction: ApiFunction;
  /** The residents' function: every other `/api/*` path. It holds no file, job or export grants. */
  readonly publicFunction: ApiFunction;
  readonly importFunction: ApiFunction;
  readonly exportFunction: ApiFunction;
  /** What CloudFront adds to every `/api/*` request; both API functions refuse requests without it. */
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';

    this.originSecret = new Secret(this, 'OriginSecret', {
      secretName: originSecretName(props.stage),
      description: `WardPulse (${props.stage}): header CloudFront adds to API requests, so the execute-api address cannot be called round it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront reads the value at deploy time (a dynamic reference), so a rotation outside a deploy would lock every resident out. It is rotated by changing the secret and redeploying both stacks.',
    });

    const sharedEnvironment = {
      TABLE_NAME: props.table.tableName,
      OIDC_ISSUER: props.issuer,
      OIDC_CLIENT_ID: props.userPoolClient.userPoolClientId,
      FILES_BUCKET: props.filesBucket.bucketName,
      STAGE: props.stage,
      APP_VERSION: props.version,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };

    this.importFunction = new ApiFunction(this, 'Import', {
      entry: IMPORT_ENTRY,
      handler: 'handler',
      description: `WardPulse import job (${props.stage})`,
      stage: props.stage,
      timeout: Duration.minutes(IMPORT_LIMITS.timeoutMinutes),
      memorySize: IMPORT_LIMITS.memoryMb,
      reservedConcurrentExecutions: IMPORT_LIMITS.reservedConcurrency,
      // env.ts requires the OIDC pair of every function, though the job verifies no tokens.
      environment: { ...sharedEnvironment, POWERTOOLS_SERVICE_NAME: 'wardpulse-import' },
    });
    const importHandler = this.importFunction.function;
    // The job records its own failure; a retry would find it no longer queued and do nothing.
    importHandler.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(IMPORT_LIMITS.maxEventAgeHours) });

    this.exportFunction = new ApiFunction(this, 'Export', {
      entry: EXPORT_ENTRY,
      handler: 'handler',
      description: `WardPulse export job (${props.stage})`,
      stage: props.stage,
      timeout: Duration.minutes(EXPORT_LIMITS.timeoutMinutes),
      memorySize: EXPORT_LIMITS.memoryMb,
      reservedConcurrentExecutions: EXPORT_LIMITS.reservedConcurrency,
      environment: { ...sharedEnvironment, POWERTOOLS_SERVICE_NAME: 'wardpulse-export' },
      assets: [HIGHS_WASM],
    });
    const exportHandler = this.exportFunction.function;
    // Like imports: the job records its own failure, and a retry would find it no longer queued.
    exportHandler.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(EXPORT_LIMITS.maxEventAgeHours) });

    this.apiFunction = new ApiFunction(this, 'Api', {
      entry: API_ENTRY,
      handler: 'handler',
      description: `WardPulse API (${props.stage})`,
      stage: props.stage,
      // Results and message KPIs solve disclosure control with HiGHS.
      assets: [HIGHS_WASM],
      environment: {
        ...sharedEnvironment,
        ALLOWED_ORIGIN: props.allowedOrigin,
        MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        IMPORT_FUNCTION_NAME: importHandler.functionName,
        EXPORT_FUNCTION_NAME: exportHandler.functionName,
        ORIGIN_SECRET_ARN: this.originSecret.secretArn,
      },
    });
    const handler = this.apiFunction.function;

    // Residents' routes only: table items, nothing in the files bucket, no jobs to invoke.
    this.publicFunction = new ApiFunction(this, 'PublicApi', {
      entry: PUBLIC_API_ENTRY,
      handler: 'handler',
      description: `WardPulse residents' API (${props.stage})`,
      stage: props.stage,
      environment: {
        TABLE_NAME: props.table.tableName,
        OIDC_ISSUER: props.issuer,
        OIDC_CLIENT_ID: props.userPoolClient.userPoolClientId,
        STAGE: props.stage,
        APP_VERSION: props.version,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: 'wardpulse-public-api',
        ALLOWED_ORIGIN: props.allowedOrigin,
        MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        ORIGIN_SECRET_ARN: this.originSecret.secretArn,
      },
    });
    this.originSecret.grantRead(handler);
    this.originSecret.grantRead(this.publicFunction.function);

    this.grantTableItems(this.publicFunction.function, props.table);
    this.grantTableItems(handler, props.table);
    this.grantTableItems(importHandler, props.table);
    this.grantTableItems(exportHandler, props.table);

    // Upload keys are `imports/<uuid>`, made per job at run time, so the grants name the prefix.
    const importObjects = props.filesBucket.arnForObjects(`${FILE_PREFIXES.imports}*`);
    // PutObject signs the browser's upload; GetObject covers the HeadObject that checks it arrived.
    Grant.addToPrincipal({ grantee: handler, actions: ['s3:PutObject', 's3:GetObject'], resourceArns: [importObjects] });
    Grant.addToPrincipal({ grantee: importHandler, actions: ['s3:GetObject'], resourceArns: [importObjects] });
    // Export keys are `exports/<uuid>`: the job streams the file there (a multipart upload, which
    // s3:PutObject covers, aborted on failure); the API checks it exists and pre-signs the GET.
    const exportObjects = props.filesBucket.arnForObjects(`${FILE_PREFIXES.exports}*`);
    Grant.addToPrincipal({ grantee: exportHandler, actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resourceArns: [exportObjects] });
    Grant.addToPrincipal({ grantee: handler, actions: ['s3:GetObject'], resourceArns: [exportObjects] });
    // The unqualified ARNs only (grantInvoke would add "<arn>:*", every version and alias).
    Grant.addToPrincipal({ grantee: handler, actions: ['lambda:InvokeFunction'], resourceArns: [importHandler.functionArn, exportHandler.functionArn] });
    const importObjectsAllowance = {
      finding: prefixObjectsFinding(props.filesBucket, FILE_PREFIXES.imports),
      reason:
        'Objects under the imports/ prefix of the files bucket only: each upload key is imports/<job uuid>, minted when staff start an import, so no narrower resource exists at deploy time.',
    };
    const exportObjectsAllowance = {
      finding: prefixObjectsFinding(props.filesBucket, FILE_PREFIXES.exports),
      reason:
        'Objects under the exports/ prefix of the files bucket only: each export key is exports/<job uuid>, minted when staff ask for an export, so no narrower resource exists at deploy time.',
    };
    Aspects.of(this.apiFunction.role).add(new AcknowledgeWildcards([importObjectsAllowance, exportObjectsAllowance]));
    Aspects.of(this.importFunction.role).add(new AcknowledgeWildcards([importObjectsAllowance]));
    Aspects.of(this.exportFunction.role).add(new AcknowledgeWildcards([exportObjectsAllowance]));

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
    const publicIntegration = new HttpLambdaIntegration('PublicApiIntegration', this.publicFunction.function);
    const staffAuthorizer = new HttpJwtAuthorizer('StaffJwtAuthorizer', props.issuer, {
      authorizerName: 'cognito-staff',
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    this.httpApi.addRoutes({ path: '/api/staff/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer: staffAuthorizer });
    // The API reference describes every route, so the staff function (which has them all) serves it.
    const docsRoutes = ['/api/openapi.json', '/api/docs'].flatMap((path) => this.httpApi.addRoutes({ path, methods: [HttpMethod.GET], integration }));
    const publicRoutes = [...docsRoutes, ...this.httpApi.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration: publicIntegration })];
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

  /**
   * grantReadWriteData would also allow stream reads and every index ("<table>/index/*"); name
   * the table's own indexes from the shared definition instead.
   */
  private grantTableItems(grantee: IGrantable, table: ITableV2): void {
    Grant.addToPrincipal({
      grantee,
      actions: TABLE_DATA_ACTIONS,
      resourceArns: [table.tableArn, ...TABLE.globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`)],
    });
  }
}

/**
 * The IAM5 finding for `<files bucket ARN>/<prefix>*` (`imports/*`, `exports/*`). Its text depends
 * on how CDK references the bucket across stacks (`<Id.Arn>`, `Fn::ImportValue`,
 * `Fn::GetStackOutput`), but always holds the bucket's logical ID; matching on that keeps any other
 * bucket's wildcard (or another prefix of this one) a finding.
 */
function prefixObjectsFinding(bucket: IBucket, prefix: string): RegExp {
  const resource = bucket.node.defaultChild;
  if (!(resource instanceof CfnBucket)) {
    throw new Error('ApiStack needs a files bucket defined in this app: an imported bucket has no logical ID to acknowledge findings against.');
  }
  const logicalId = Stack.of(bucket).getLogicalId(resource);
  return new RegExp(`^Resource::[^/]*${logicalId}[^/]*/${prefix}\\*$`);
}
