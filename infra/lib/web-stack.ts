/**
 * The front door: a private bucket holding the built web app, served by CloudFront with security
 * headers, an SPA fallback for client-side routes, and `/api/*` proxied to the HTTP API so the
 * browser talks to one origin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aspects, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { PrivateBucket } from './constructs/private-bucket.ts';
import { AcknowledgeWildcards } from './nag.ts';
import { API_VIEWER, ORIGIN_HEADER, originSecretName } from './origin.ts';
import { WEB_DIST } from './paths.ts';

export interface WebStackProps extends StackProps {
  stage: string;
  /** The API's host name (no scheme), e.g. `ApiStack.apiDomain`. */
  apiDomain: string;
  /** Folder holding the built web app; must contain index.html. Defaults to `web/dist`. */
  webAssetPath?: string;
  /** The origin the site is meant to be served at (CORS and Cognito use it); shown as an output. */
  allowedOrigin: string;
  /**
   * The files bucket's regional host (`<bucket>.s3.<region>.amazonaws.com`, `Bucket.bucketRegionalDomainName`):
   * the staff console PUTs uploads there through pre-signed URLs.
   */
  filesBucketDomain: string;
  /** CloudFront alias and its ACM certificate (us-east-1); give both or neither. */
  domainName?: string;
  certificateArn?: string;
  /**
   * ARN of a CLOUDFRONT-scope WAF web ACL (EdgeStack, in us-east-1) to put in front of the
   * distribution; none when the `waf` context is off.
   */
  webAclArn?: string;
}

/**
 * CloudFront Function (viewer request, default behaviour only): any path whose last segment has no
 * file extension is a client-side route, so serve the app shell. `/api/*` never reaches this, and
 * a missing `/assets/x.js` still fails loudly instead of returning HTML.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * The SPA's CSP: everything from this origin, plus Cognito for sign-in and token refresh and the
 * files bucket's regional endpoint, where uploads go straight from the browser.
 */
export function contentSecurityPolicy(region: string, filesBucketDomain: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' https://*.amazoncognito.com https://cognito-idp.${region}.amazonaws.com https://${filesBucketDomain}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

const SECURITY_HEADERS: ResponseSecurityHeadersBehavior = {
  strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: false, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
};

export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: PrivateBucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const webAssetPath = props.webAssetPath ?? WEB_DIST;
    if (!existsSync(join(webAssetPath, 'index.html'))) {
      throw new Error(
        `The web app is not built: ${join(webAssetPath, 'index.html')} does not exist. Run \`pnpm --filter @wardpulse/web build\` first (the root \`pnpm synth\` script builds the web before synthesising).`,
      );
    }
    if ((props.domainName === undefined) !== (props.certificateArn === undefined)) {
      throw new Error('WebStack needs both domainName and certificateArn, or neither.');
    }

    // CloudFront standard logs are delivered with ACLs, so this one bucket keeps them enabled.
    const logsBucket = new PrivateBucket(this, 'Logs', {
      stage: props.stage,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-cdn-logs', expiration: Duration.days(90) }],
    });
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the CloudFront access-log bucket; logging it into another bucket would only move the problem.',
    });

    this.siteBucket = new PrivateBucket(this, 'Site', { stage: props.stage });
    Validations.of(this.siteBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Public access is blocked and only CloudFront (origin access control) may read; every viewer request is in the CloudFront access logs.',
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve /index.html for client-side routes (paths without a file extension)',
    });

    const apiViewer = new CloudFrontFunction(this, 'ApiViewer', {
      code: FunctionCode.fromInline(API_VIEWER),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Pass the viewer address to the API in a header clients cannot set',
    });

    const siteHeaders = new ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment: 'WardPulse web app: security headers and the SPA content security policy',
      securityHeadersBehavior: {
        ...SECURITY_HEADERS,
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(this.region, props.filesBucketDomain), override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), payment=(), usb=()', override: true }],
      },
    });
    // No CSP here: /api/docs renders its own page with its own assets.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'WardPulse API: security headers',
      securityHeadersBehavior: SECURITY_HEADERS,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `WardPulse ${props.stage}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            // Proves to the API that the request came through here (resolved at deploy time; the API stack makes it).
            customHeaders: { [ORIGIN_HEADER]: SecretValue.secretsManager(originSecretName(props.stage)).unsafeUnwrap() },
          }),
          // A redirect would drop a POST body; API clients must use https.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          functionAssociations: [{ function: apiViewer, eventType: FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Residents are in the UK: Europe and North America edges are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(props.webAclArn !== undefined ? { webAclId: props.webAclArn } : {}),
      // The default *.cloudfront.net certificate has a fixed policy; ours can require TLS 1.2.
      ...(props.domainName !== undefined && props.certificateArn !== undefined
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: residents answer from abroad and through VPNs, and country blocking is not an access control.',
    });
    if (props.webAclArn === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The WAF web ACL is turned off for this stage (-c waf=false, the dev default); the API still has stage throttling, its own per-address limits and validates every request.',
      });
    }
    if (props.domainName === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without domainName/certificateArn the distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes; pass both context keys to enforce TLSv1.2_2021.',
      });
    }

    this.deployAssets(webAssetPath);

    new CfnOutput(this, 'WebUrl', { value: `https://${this.distribution.distributionDomainName}`, description: 'CloudFront URL of the site' });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteOrigin', { value: props.allowedOrigin, description: 'Origin the API and Cognito clients expect the site at' });
  }

  /**
   * Vite fingerprints everything under assets/, so those files are cached for a year; the rest
   * (index.html, icons) is revalidated so a release shows up at once. Hashed assets go first so a
   * new index.html never points at files that are not there yet, and are never pruned so a tab
   * still running the previous release can lazy-load its chunks.
   */
  private deployAssets(webAssetPath: string): void {
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const hashed = new BucketDeployment(this, 'DeployHashedAssets', {
      sources: [Source.asset(webAssetPath)],
      destinationBucket: this.siteBucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      memoryLimit: 256,
      logGroup,
    });
    const shell = new BucketDeployment(this, 'DeployAppShell', {
      sources: [Source.asset(webAssetPath)],
      destinationBucket: this.siteBucket,
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup,
    });
    shell.node.addDependency(hashed);

    // The deployment handler is CDK's own singleton Lambda, created at stack level.
    const siteBucketId = this.getLogicalId(this.siteBucket.node.defaultChild as CfnBucket);
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Aspects.of(child).add(
        new AcknowledgeWildcards([
          {
            finding: /^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\*$/,
            reason: 'CDK BucketDeployment handler: reads the build from the CDK asset bucket and syncs (puts, prunes) objects in the site bucket; these are the S3 action groups aws-cdk-lib grants for that.',
          },
          {
            finding: /^Resource::arn:(aws[a-z-]*|<AWS::Partition>):s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/,
            reason: 'CDK BucketDeployment handler: reads the zipped build, which can be any object key in the CDK asset bucket.',
          },
          {
            finding: new RegExp(`^Resource::<${siteBucketId}\\.Arn>/\\*$`),
            reason: 'CDK BucketDeployment handler: writes and prunes any object of the site bucket, which holds nothing but the web build.',
          },
          {
            finding: /^Resource::\*$/,
            reason: 'CDK BucketDeployment handler: aws-cdk-lib grants cloudfront:CreateInvalidation/GetInvalidation on "*" to invalidate this distribution after upload.',
          },
        ]),
      );
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK BucketDeployment handler: AWSLambdaBasicExecutionRole only lets it write its own logs.',
        },
        {
          id: 'AwsSolutions-L1',
          reason: 'CDK BucketDeployment handler: its runtime is chosen and updated by aws-cdk-lib, not by this app.',
        },
      );
    }
  }
}
