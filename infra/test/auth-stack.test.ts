import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AuthStack, STAFF_GROUPS } from '../lib/auth-stack.ts';
import { createTestApp, synthWithNag, TEST_ENV } from './support.ts';

const ORIGIN = 'https://wardpulse.example-police.uk';

function synth(stage: string, adminEmail?: string) {
  const app = createTestApp();
  const stack = new AuthStack(app, `WardPulse-${stage}-Auth`, {
    env: TEST_ENV,
    stage,
    allowedOrigin: ORIGIN,
    authDomainPrefix: `wardpulse-${stage}`,
    ...(adminEmail ? { adminEmail } : {}),
  });
  return { stack, ...synthWithNag(stack) };
}

describe('AuthStack', () => {
  const prod = synth('prod', 'admin@example-police.uk');
  const dev = synth('dev');

  it('only lets administrators create accounts, and signs staff in by email', () => {
    prod.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('asks for strong passwords, requires TOTP MFA of every staff account and enforces threat protection', () => {
    prod.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
    });
  });

  it('retains the pool outside dev and not in dev', () => {
    prod.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    dev.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
  });

  it('creates the admin, officer and analyst groups', () => {
    const groups = Object.values(prod.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (resource) => (resource as { Properties: { GroupName: string } }).Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'analyst', 'officer']);
    expect(STAFF_GROUPS.map((group) => group.name).sort()).toEqual(groups.sort());
  });

  it('gives the staff console a public client limited to the code grant', () => {
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayEquals(['openid', 'email', 'profile']),
      CallbackURLs: [`${ORIGIN}/staff/callback`],
      LogoutURLs: [`${ORIGIN}/staff`],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AccessTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
    });
  });

  it('serves managed login on the prefix domain', () => {
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'wardpulse-prod', ManagedLoginVersion: 2 });
    prod.template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  it('invites the admin email into the admin group when given', () => {
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolUser', {
      Username: 'admin@example-police.uk',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: Match.arrayWith([{ Name: 'email', Value: 'admin@example-police.uk' }]),
    });
    const adminGroup = prod.template.findResources('AWS::Cognito::UserPoolGroup', { Properties: { GroupName: 'admin' } });
    expect(Object.keys(adminGroup)).toHaveLength(1);
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', {
      GroupName: { Ref: Object.keys(adminGroup)[0] },
      Username: 'admin@example-police.uk',
    });
    dev.template.resourceCountIs('AWS::Cognito::UserPoolUser', 0);
  });

  it('publishes the Cognito issuer for the API', () => {
    expect(prod.stack.resolve(prod.stack.issuer)).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', { Ref: expect.stringMatching(/^UserPool/) }]],
    });
    prod.template.hasOutput('UserPoolId', {});
    prod.template.hasOutput('UserPoolClientId', {});
    prod.template.hasOutput('HostedDomain', {});
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
    expect(dev.errors).toEqual([]);
  });
});
