/**
 * Storage: the DynamoDB table (shape from `@wardpulse/data/table`, shared with the local
 * bootstrap), the contacts table that keeps residents' e-mail addresses apart from engagement data
 * (`@wardpulse/data/contacts-table`), and a short-lived files bucket for uploads (`imports/`) and
 * data exports (`exports/`).
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { HttpMethods, type Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CONTACTS_TABLE } from '@wardpulse/data/contacts-table';
import { TABLE, type KeyAttribute, type TableDefinition } from '@wardpulse/data/table';
import { PrivateBucket } from './constructs/private-bucket.ts';

export interface DataStackProps extends StackProps {
  stage: string;
  /** The web origin: the only one whose browsers may PUT uploads to (and GET exports from) the files bucket. */
  allowedOrigin: string;
}

/** Key prefixes of the files bucket; grants are scoped to them (the import key is `imports/<id>`). */
export const FILE_PREFIXES = { imports: 'imports/', exports: 'exports/' } as const;

/** Days an uploaded file stays for its import job: long enough to retry, short enough not to hoard. */
export const IMPORT_RETENTION_DAYS = 7;

/** Days an export file stays downloadable before S3 deletes it. */
export const EXPORT_RETENTION_DAYS = 7;

/** How long a browser may cache the bucket's CORS preflight answer, in seconds. */
export const FILES_CORS_MAX_AGE_SECONDS = 3000;

export class DataStack extends Stack {
  readonly table: TableV2;
  /** Residents' sign-ups (e-mail addresses) and delivery records: personal data, never exported. */
  readonly contactsTable: TableV2;
  /** Uploads for import jobs and export downloads, both through pre-signed URLs. */
  readonly filesBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';

    const tableFrom = (id: string, definition: TableDefinition) =>
      new TableV2(this, id, {
        partitionKey: toAttribute(definition.partitionKey),
        sortKey: toAttribute(definition.sortKey),
        globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
          indexName: index.indexName,
          partitionKey: toAttribute(index.partitionKey),
          sortKey: toAttribute(index.sortKey),
          projectionType: ProjectionType.ALL,
        })),
        timeToLiveAttribute: definition.timeToLiveAttribute,
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryptionV2.awsManagedKey(),
        deletionProtection: keep,
        removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    this.table = tableFrom('Table', TABLE);
    this.contactsTable = tableFrom('ContactsTable', CONTACTS_TABLE);

    // Exports hold survey responses and uploads hold data staff sent: keep a record of who fetched what.
    const accessLogs = new PrivateBucket(this, 'FilesAccessLogs', {
      stage: props.stage,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log destination for the files bucket; logging it into another bucket would only move the problem.',
    });

    // PrivateBucket already aborts incomplete multipart uploads after a day.
    this.filesBucket = new PrivateBucket(this, 'Files', {
      stage: props.stage,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      lifecycleRules: [
        { id: 'expire-imports', prefix: FILE_PREFIXES.imports, expiration: Duration.days(IMPORT_RETENTION_DAYS) },
        { id: 'expire-exports', prefix: FILE_PREFIXES.exports, expiration: Duration.days(EXPORT_RETENTION_DAYS) },
      ],
      // The staff console PUTs uploads and GETs exports straight from pre-signed URLs; the
      // signature authorises the request, CORS only lets the browser make it from the site.
      cors: [
        {
          allowedOrigins: [props.allowedOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['Content-Type'],
          maxAge: FILES_CORS_MAX_AGE_SECONDS,
        },
      ],
    });
  }
}

function toAttribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}
