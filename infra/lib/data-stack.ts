/**
 * Storage: the single DynamoDB table (shape from `@wardpulse/data/table`, shared with the local
 * bootstrap) and a short-lived bucket for data exports.
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE, type KeyAttribute } from '@wardpulse/data/table';
import { PrivateBucket } from './constructs/private-bucket.ts';

export interface DataStackProps extends StackProps {
  stage: string;
}

/** Days an export file stays downloadable before S3 deletes it. */
export const EXPORT_RETENTION_DAYS = 7;

export class DataStack extends Stack {
  readonly table: TableV2;
  readonly exportsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';

    this.table = new TableV2(this, 'Table', {
      partitionKey: toAttribute(TABLE.partitionKey),
      sortKey: toAttribute(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: toAttribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: keep,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Exports hold survey responses: keep a record of who fetched them.
    const accessLogs = new PrivateBucket(this, 'ExportsAccessLogs', {
      stage: props.stage,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log destination for the exports bucket; logging it into another bucket would only move the problem.',
    });

    this.exportsBucket = new PrivateBucket(this, 'Exports', {
      stage: props.stage,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [{ id: 'expire-exports', expiration: Duration.days(EXPORT_RETENTION_DAYS) }],
    });
  }
}

function toAttribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}
