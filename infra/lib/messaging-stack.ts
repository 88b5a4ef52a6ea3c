/**
 * Community messages' delivery: the key that signs e-mailed links (Secrets Manager, generated
 * here), an SES v2 configuration set whose bounce and complaint events reach a small Lambda
 * through an encrypted SNS topic (the address is suppressed), and the send job: a Lambda the API
 * invokes asynchronously, one at a time so the account's SES rate holds, that continues itself
 * when a large audience outlasts its timeout. `connectApi` gives the API what it needs of these.
 */
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, Grant, Policy, PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { TABLE } from '@wardpulse/data/table';
import { TABLE_DATA_ACTIONS } from './api-stack.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { BOUNCE_ENTRY, SCHEDULE_ENTRY, SEND_ENTRY } from './paths.ts';

export interface MessagingStackProps extends StackProps {
  stage: string;
  version: string;
  table: ITableV2;
  contactsTable: ITableV2;
  /** Every function's environment names the issuer and client (`env.ts` needs them), though these verify no tokens. */
  userPoolClient: IUserPoolClient;
  issuer: string;
  /** The web origin e-mail links point at. */
  publicUrl: string;
  /** The verified SES sender. */
  mailFrom: string;
}

/**
 * The send job: 15 minutes (it stops a minute early and continues itself), one at a time so two
 * sends never share the SES rate, which `ratePerSecond` is set to (SES's starting production rate;
 * raise both with the account's quota). Lambda keeps retrying a throttled async event for
 * `maxEventAgeHours`, so a second message waits for the first.
 */
export const SEND_LIMITS = { timeoutMinutes: 15, memoryMb: 512, reservedConcurrency: 1, maxEventAgeHours: 6, ratePerSecond: 14 } as const;

export class MessagingStack extends Stack {
  readonly linkSecret: Secret;
  readonly configurationSet: ConfigurationSet;
  readonly eventsTopic: Topic;
  readonly sendFunction: ApiFunction;
  readonly bounceFunction: ApiFunction;
  readonly scheduleFunction: ApiFunction;
  private readonly props: MessagingStackProps;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    this.props = props;
    const keep = props.stage !== 'dev';

    this.linkSecret = new Secret(this, 'LinkSecret', {
      description: `WardPulse (${props.stage}): HS256 key of the signed links in community-message e-mails`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key signs unsubscribe and manage links already sitting in residents’ inboxes; rotating it on a schedule would break every one of them. It is rotated deliberately (new secret value, then redeploy) if it is ever exposed.',
    });

    // Bounces and complaints: SES → SNS (encrypted with a key SES may use) → the suppression Lambda.
    const topicKey = new Key(this, 'EventsKey', { description: `WardPulse (${props.stage}): SES bounce and complaint events`, enableKeyRotation: true, removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    // SES and SNS use the key directly and need no grants: only an AWS service, for a resource of
    // its own, may create one (Control Tower CT.KMS.PR.3), so a stolen admin credential cannot
    // hand the key to another principal through a grant.
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );
    this.eventsTopic = new Topic(this, 'EventsTopic', { displayName: `WardPulse ${props.stage} SES events`, masterKey: topicKey, enforceSSL: true });

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `wardpulse-${props.stage}`,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // The account's suppression list too, as a second line behind our own.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', { destination: EventDestination.snsTopic(this.eventsTopic), events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT] });

    const baseEnvironment = {
      TABLE_NAME: props.table.tableName,
      CONTACTS_TABLE_NAME: props.contactsTable.tableName,
      OIDC_ISSUER: props.issuer,
      OIDC_CLIENT_ID: props.userPoolClient.userPoolClientId,
      STAGE: props.stage,
      APP_VERSION: props.version,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };

    this.bounceFunction = new ApiFunction(this, 'Bounces', {
      entry: BOUNCE_ENTRY,
      handler: 'handler',
      description: `WardPulse SES bounce and complaint handler (${props.stage})`,
      stage: props.stage,
      environment: { ...baseEnvironment, POWERTOOLS_SERVICE_NAME: 'wardpulse-bounces' },
    });
    this.eventsTopic.addSubscription(new LambdaSubscription(this.bounceFunction.function));
    this.grantItems(this.bounceFunction.function, props.contactsTable, []);
    // Suppressing an active address takes it off the sign-up counters in the main table.
    Grant.addToPrincipal({ grantee: this.bounceFunction.function, actions: ['dynamodb:UpdateItem'], resourceArns: [props.table.tableArn] });

    this.sendFunction = new ApiFunction(this, 'Send', {
      entry: SEND_ENTRY,
      handler: 'handler',
      description: `WardPulse community-message send job (${props.stage})`,
      stage: props.stage,
      timeout: Duration.minutes(SEND_LIMITS.timeoutMinutes),
      memorySize: SEND_LIMITS.memoryMb,
      reservedConcurrentExecutions: SEND_LIMITS.reservedConcurrency,
      environment: {
        ...baseEnvironment,
        ...this.mailEnvironment(),
        SEND_RATE_PER_SECOND: String(SEND_LIMITS.ratePerSecond),
        POWERTOOLS_SERVICE_NAME: 'wardpulse-send',
      },
    });
    const send = this.sendFunction.function;
    // The job records its own progress and is resumed by starting it again; a blind retry is not wanted.
    send.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(SEND_LIMITS.maxEventAgeHours) });
    this.grantItems(send, props.table, TABLE.globalIndexes.map((index) => index.indexName));
    this.grantItems(send, props.contactsTable, []);
    this.grantMail(send);
    // A policy of its own (not the role's default one, which the function depends on), so the
    // function may invoke itself without a circular reference.
    new Policy(this, 'SendContinuesItself', { roles: [this.sendFunction.role], statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [send.functionArn] })] });

    // Each minute: start scheduled messages that are due, and start again any send whose job died
    // without saying so (its progress stopped moving). Only messages are read; only the send job is invoked.
    this.scheduleFunction = new ApiFunction(this, 'Scheduler', {
      entry: SCHEDULE_ENTRY,
      handler: 'handler',
      description: `WardPulse scheduler: due messages and stalled sends (${props.stage})`,
      stage: props.stage,
      timeout: Duration.seconds(50),
      environment: { ...baseEnvironment, SEND_FUNCTION_NAME: send.functionName, POWERTOOLS_SERVICE_NAME: 'wardpulse-scheduler' },
    });
    const scheduler = this.scheduleFunction.function;
    this.grantItems(scheduler, props.table, TABLE.globalIndexes.map((index) => index.indexName));
    Grant.addToPrincipal({ grantee: scheduler, actions: ['lambda:InvokeFunction'], resourceArns: [send.functionArn] });
    new Rule(this, 'EachMinute', { description: 'WardPulse scheduler', schedule: Schedule.rate(Duration.minutes(1)), targets: [new LambdaFunction(scheduler, { retryAttempts: 0 })] });
  }

  /**
   * What the API needs for sign-ups and sending: the contacts table, the link secret, SES for
   * confirmation e-mails, and the send job to invoke.
   */
  connectApi(api: ApiFunction): void {
    const fn = api.function;
    for (const [key, value] of Object.entries({ CONTACTS_TABLE_NAME: this.props.contactsTable.tableName, ...this.mailEnvironment(), SEND_FUNCTION_NAME: this.sendFunction.function.functionName })) fn.addEnvironment(key, value);
    this.grantItems(fn, this.props.contactsTable, []);
    this.grantMail(fn);
    Grant.addToPrincipal({ grantee: fn, actions: ['lambda:InvokeFunction'], resourceArns: [this.sendFunction.function.functionArn] });
  }

  /** The residents' function: sign-up e-mail and signed links, and the contacts it confirms and updates; no sending of messages. */
  connectPublicApi(api: ApiFunction): void {
    const fn = api.function;
    for (const [key, value] of Object.entries({ CONTACTS_TABLE_NAME: this.props.contactsTable.tableName, ...this.mailEnvironment() })) fn.addEnvironment(key, value);
    this.grantItems(fn, this.props.contactsTable, []);
    this.grantMail(fn);
  }

  private mailEnvironment(): Record<string, string> {
    return {
      LINK_SECRET_ARN: this.linkSecret.secretArn,
      MAIL_FROM: this.props.mailFrom,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      PUBLIC_URL: this.props.publicUrl,
    };
  }

  /** SendEmail from the sender's identity (its domain, or the address itself) through the configuration set; the link secret. */
  private grantMail(grantee: IGrantable): void {
    const arn = (resource: string) => this.formatArn({ service: 'ses', resource });
    const address = this.props.mailFrom;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [arn(`identity/${domain}`), arn(`identity/${address}`), arn(`configuration-set/${this.configurationSet.configurationSetName}`)],
    });
    this.linkSecret.grantRead(grantee);
  }

  /** Item reads and writes on a table and the named indexes, nothing else (no streams, no other index). */
  private grantItems(grantee: IGrantable, table: ITableV2, indexes: string[]): void {
    Grant.addToPrincipal({ grantee, actions: TABLE_DATA_ACTIONS, resourceArns: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)] });
  }
}
