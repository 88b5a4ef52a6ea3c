import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE } from '@wardpulse/data/table';
import { DataStack, FILES_CORS_MAX_AGE_SECONDS } from '../lib/data-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';

function synth(stage: string) {
  const app = createTestApp();
  const stack = new DataStack(app, `WardPulse-${stage}-Data`, { env: TEST_ENV, stage, allowedOrigin: ORIGIN });
  return synthWithNag(stack);
}

/** The files bucket's properties: the one bucket whose access logs go elsewhere. */
function filesBucket(template: Template): Record<string, unknown> {
  const matches = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue() } }));
  expect(matches).toHaveLength(1);
  return (matches[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('DataStack', () => {
  const prod = synth('prod');
  const dev = synth('dev');

  it('builds the table from the shared definition in @wardpulse/data/table', () => {
    prod.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: TABLE.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });

  it('turns on point-in-time recovery', () => {
    prod.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('protects and retains the table outside dev', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
  });

  it('lets the dev table be deleted with the stack', () => {
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
  });

  it('keeps the files bucket private, encrypted, TLS-only and access-logged', () => {
    expect(filesBucket(prod.template)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^FilesAccessLogs/) }, LogFilePrefix: 'files/' },
    });
    prod.template.resourcePropertiesCountIs(
      'AWS::S3::BucketPolicy',
      { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
      2,
    );
  });

  it('expires uploads and exports after seven days and abandoned multipart uploads after one', () => {
    expect(filesBucket(prod.template).LifecycleConfiguration).toEqual({
      Rules: [
        { Id: 'abort-incomplete-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
        { Id: 'expire-imports', Prefix: 'imports/', ExpirationInDays: 7, Status: 'Enabled' },
        { Id: 'expire-exports', Prefix: 'exports/', ExpirationInDays: 7, Status: 'Enabled' },
      ],
    });
  });

  it('lets browsers on the web origin, and no other, PUT uploads and GET exports', () => {
    expect(filesBucket(prod.template).CorsConfiguration).toEqual({
      CorsRules: [{ AllowedOrigins: [ORIGIN], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['Content-Type'], MaxAge: FILES_CORS_MAX_AGE_SECONDS }],
    });
  });

  it('retains the files bucket outside dev and empties it with the stack in dev', () => {
    prod.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    prod.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ CorsConfiguration: Match.anyValue() }) });
    dev.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ CorsConfiguration: Match.anyValue() }) });
    expect(Object.keys(dev.template.findResources('Custom::S3AutoDeleteObjects')).length).toBe(2);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
    expect(dev.errors).toEqual([]);
    expect(dev.warnings).toEqual([]);
  });
});
