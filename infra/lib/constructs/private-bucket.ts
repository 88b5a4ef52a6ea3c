/**
 * The one way WardPulse makes an S3 bucket: private, TLS-only, encrypted, and disposable only in
 * the dev stage.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps extends Omit<BucketProps, 'blockPublicAccess' | 'enforceSSL' | 'publicReadAccess' | 'removalPolicy' | 'autoDeleteObjects'> {
  /** In `dev` the bucket and its objects are deleted with the stack; elsewhere the bucket is retained. */
  stage: string;
}

/**
 * A private bucket: public access blocked, requests without TLS 1.2 denied, SSE-S3 encryption,
 * ACLs disabled (unless `objectOwnership` says otherwise), incomplete uploads cleaned up.
 *
 * @example
 * const exports = new PrivateBucket(this, 'Exports', { stage, lifecycleRules: [{ expiration: Duration.days(7) }] });
 */
export class PrivateBucket extends Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    const { stage, lifecycleRules = [], ...rest } = props;
    const disposable = stage === 'dev';
    super(scope, id, {
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...rest,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      publicReadAccess: false,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }, ...lifecycleRules],
      removalPolicy: disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: disposable,
    });
  }
}
