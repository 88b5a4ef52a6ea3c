/**
 * The shared Lambda construct: Node.js 22 on arm64, ESM bundles built by esbuild from the pnpm
 * workspace and split into lazily loaded chunks (`bundle.ts`), JSON logs in a log group with
 * retention, X-Ray tracing and a role that may write only to that log group. Stacks add their own
 * least-privilege grants.
 */
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleLambdaInto } from '../bundle.ts';
import { REPO_ROOT } from '../paths.ts';

export interface ApiFunctionProps {
  /** Absolute path of the TypeScript entry module (see `API_ENTRY` in paths.ts). */
  entry: string;
  /** Exported handler name in the entry module. */
  handler?: string;
  description?: string;
  stage: string;
  /** Merged over the defaults (`POWERTOOLS_SERVICE_NAME`, `NODE_OPTIONS`). */
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Caps concurrent executions (and reserves them from the account pool); unreserved by default. */
  reservedConcurrentExecutions?: number;
  logRetention?: RetentionDays;
  /** Files copied beside the bundle (e.g. `HIGHS_WASM` for functions that run disclosure control). */
  assets?: readonly string[];
}

/**
 * @example
 * const api = new ApiFunction(this, 'Api', { entry: API_ENTRY, stage, environment: { TABLE_NAME: table.tableName } });
 * table.grantReadData(api.function); // lands on api.role
 */
export class ApiFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;
  /** The execution role; grants made to `function` land on it. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole, which may write to every log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role for ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      // As NodejsFunction stages it (the repository as the source, hashed by output), but built
      // by `bundleLambdaInto` on this machine so the bundle can be split into chunks.
      code: Code.fromAsset(REPO_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          command: ['sh', '-c', 'echo "WardPulse bundles Lambdas with the esbuild of the workspace: run cdk from the repository after pnpm install" >&2; exit 1'],
          local: {
            tryBundle(outputDir: string) {
              bundleLambdaInto(props.entry, outputDir, props.assets);
              return true;
            },
          },
        },
      }),
      handler: `index.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'wardpulse-api',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions, so active tracing needs Resource "*".',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is pinned on purpose: esbuild targets node22 and the code is tested on it; runtime upgrades are a deliberate change, not automatic.',
    });
  }
}
