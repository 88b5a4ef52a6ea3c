import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { CONTACTS_TABLE } from '@wardpulse/data/contacts-table';
import { ApiStack } from '../lib/api-stack.ts';
import { AuthStack } from '../lib/auth-stack.ts';
import { DataStack } from '../lib/data-stack.ts';
import { MessagingStack, SEND_LIMITS } from '../lib/messaging-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';
const MAIL_FROM = 'messages@example-police.uk';

function synth(stage: string) {
  const app = createTestApp();
  const common = { env: TEST_ENV, stage };
  const data = new DataStack(app, `WardPulse-${stage}-Data`, { ...common, allowedOrigin: ORIGIN });
  const auth = new AuthStack(app, `WardPulse-${stage}-Auth`, { ...common, allowedOrigin: ORIGIN, authDomainPrefix: `wardpulse-${stage}` });
  const messaging = new MessagingStack(app, `WardPulse-${stage}-Messaging`, {
    ...common,
    version: '1.2.3',
    table: data.table,
    contactsTable: data.contactsTable,
    userPoolClient: auth.userPoolClient,
    issuer: auth.issuer,
    publicUrl: ORIGIN,
    mailFrom: MAIL_FROM,
  });
  const api = new ApiStack(app, `WardPulse-${stage}-Api`, { ...common, version: '1.2.3', table: data.table, userPoolClient: auth.userPoolClient, issuer: auth.issuer, allowedOrigin: ORIGIN, filesBucket: data.filesBucket });
  messaging.connectApi(api.apiFunction);
  messaging.connectPublicApi(api.publicFunction);
  return { messaging, api, data: synthWithNag(data), ...synthWithNag(messaging), apiSynth: synthWithNag(api) };
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the policies attached to the role whose logical ID starts with `rolePrefix`. */
function statementsOf(template: Template, rolePrefix: string): Statement[] {
  type Policy = { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } };
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Policy[];
  return policies.filter((policy) => policy.Properties.Roles.some((role) => role.Ref.startsWith(rolePrefix))).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const grantsOf = (statements: Statement[], action: string) => statements.filter((statement) => actionsOf(statement).includes(action));

describe('MessagingStack', () => {
  const prod = synth('prod');
  const sendId = prod.messaging.getLogicalId(prod.messaging.sendFunction.function.node.defaultChild as CfnFunction);

  it('keeps contacts in a table of their own, from the shared definition, with no index copying addresses', () => {
    prod.data.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: CONTACTS_TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: CONTACTS_TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.absent(),
      TimeToLiveSpecification: { AttributeName: CONTACTS_TABLE.timeToLiveAttribute, Enabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
    });
    prod.data.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
  });

  it('generates the link secret and keeps it outside dev', () => {
    prod.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } }),
    });
  });

  it('routes bounces and complaints from the SES configuration set through an encrypted topic to the suppression handler', () => {
    prod.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'wardpulse-prod',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    prod.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: Match.anyValue() } }),
    });
    prod.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    prod.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' } })]) } });
    // Only AWS services may create grants on the key (Control Tower CT.KMS.PR.3); SES and SNS need none.
    prod.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          },
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } })]) },
    });
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  it('runs one send at a time for up to 15 minutes at the SES starting rate, without blind retries', () => {
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: SEND_LIMITS.timeoutMinutes * 60,
      ReservedConcurrentExecutions: 1,
      Environment: { Variables: Match.objectLike({ SEND_RATE_PER_SECOND: '14', MAIL_FROM, SES_CONFIGURATION_SET: { Ref: Match.stringLikeRegexp('^ConfigurationSet') }, PUBLIC_URL: ORIGIN }) },
    });
    prod.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: sendId }, MaximumRetryAttempts: 0 });
  });

  it('lets the send job mail only from the sender through the configuration set, and invoke only itself', () => {
    const statements = statementsOf(prod.template, 'SendRole');
    const mail = grantsOf(statements, 'ses:SendEmail');
    expect(mail).toHaveLength(1);
    expect(JSON.stringify(mail[0]!.Resource)).toMatch(/identity\/example-police\.uk".*identity\/messages@example-police\.uk".*configuration-set\/",\{"Ref":"ConfigurationSet/);
    expect(grantsOf(statements, 'lambda:InvokeFunction')).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [sendId, 'Arn'] } })]);
    expect(grantsOf(statements, 'secretsmanager:GetSecretValue')).toHaveLength(1);
    const tables = JSON.stringify(grantsOf(statements, 'dynamodb:GetItem').map((statement) => statement.Resource));
    expect(tables).toContain('ContactsTable');
    expect(tables).toContain('/index/gsi1');
    expect(tables).not.toMatch(/\/index\/\*|"\*"/);
  });

  it('gives the API the contacts table, the secret, SES for confirmations and the send job, by name in its environment', () => {
    const statements = statementsOf(prod.apiSynth.template, 'ApiRole');
    expect(grantsOf(statements, 'ses:SendEmail')).toHaveLength(1);
    expect(grantsOf(statements, 'secretsmanager:GetSecretValue')).toHaveLength(1);
    expect(JSON.stringify(grantsOf(statements, 'lambda:InvokeFunction'))).toContain('SendFunction');
    prod.apiSynth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CONTACTS_TABLE_NAME: Match.anyValue(), LINK_SECRET_ARN: Match.anyValue(), MAIL_FROM, SEND_FUNCTION_NAME: Match.anyValue(), PUBLIC_URL: ORIGIN }) },
    });
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
    expect(prod.apiSynth.errors).toEqual([]);
    expect(prod.data.errors).toEqual([]);
  });
});

describe('the scheduler', () => {
  const prod = synth('prod');
  const schedulerId = prod.messaging.getLogicalId(prod.messaging.scheduleFunction.function.node.defaultChild as CfnFunction);
  const sendId = prod.messaging.getLogicalId(prod.messaging.sendFunction.function.node.defaultChild as CfnFunction);

  it('runs each minute (due messages, stalled sends) and may invoke the send job and nothing else', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [schedulerId, 'Arn'] } })],
    });
    prod.template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Environment: { Variables: Match.objectLike({ SEND_FUNCTION_NAME: { Ref: sendId } }) } }));
    const invokes = grantsOf(statementsOf(prod.template, 'SchedulerRole'), 'lambda:InvokeFunction');
    expect(invokes.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [sendId, 'Arn'] }]);
    expect(grantsOf(statementsOf(prod.template, 'SchedulerRole'), 'ses:SendEmail')).toEqual([]);
  });
});
