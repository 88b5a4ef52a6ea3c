/**
 * Staff sign-in: a Cognito user pool (invitation only, email sign-in, required TOTP MFA, threat
 * protection), the role groups the API reads from `cognito:groups`, a managed-login domain and
 * the staff console's public PKCE client.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolRiskConfigurationAttachment,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  stage: string;
  /** The web origin; the staff console's callback and logout URLs live under it. */
  allowedOrigin: string;
  authDomainPrefix: string;
  /** When given, this address is invited as the first member of `admin`. */
  adminEmail?: string;
}

/**
 * The roles the API understands (`@wardpulse/domain` `ROLES`), listed here rather than imported so
 * infra depends only on the table definition. Lower precedence wins when a token is built.
 */
export const STAFF_GROUPS = [
  { name: 'admin', precedence: 0, description: 'Manages surveys, settings and staff accounts.' },
  { name: 'officer', precedence: 10, description: 'Runs surveys and replies to residents for their wards.' },
  { name: 'analyst', precedence: 20, description: 'Reads aggregated results and exports.' },
] as const;

export const STAFF_CALLBACK_PATH = '/staff/callback';
export const STAFF_LOGOUT_PATH = '/staff';

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The OpenID issuer of the pool's tokens, as the API and its JWT authorizer must see it. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';
    const staffUrl = `${props.allowedOrigin}${STAFF_LOGOUT_PATH}`;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `wardpulse-${props.stage}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every officer enrols an authenticator app at first sign-in (managed login asks for it); no SMS.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your WardPulse staff account',
        emailBody: `You have been given a WardPulse staff account. Sign in at ${staffUrl} with username {username} and temporary password {####}. You will be asked to choose a new password.`,
      },
      deletionProtection: keep,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Enforced threat protection: block known-breached passwords, step up risky sign-ins.
    // Notifications stay off so the pool needs no SES identity.
    new CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
    });

    const groups = new Map(
      STAFF_GROUPS.map((group) => [
        group.name,
        new UserPoolGroup(this, `${capitalise(group.name)}Group`, {
          userPool: this.userPool,
          groupName: group.name,
          precedence: group.precedence,
          description: group.description,
        }),
      ]),
    );

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.userPoolClient = this.userPool.addClient('StaffConsoleClient', {
      userPoolClientName: `wardpulse-${props.stage}-staff-console`,
      // A browser app cannot keep a secret: public client, authorization code + PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.allowedOrigin}${STAFF_CALLBACK_PATH}`],
        logoutUrls: [staffUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // Managed login (v2) shows an error page until the client has a style; use Cognito's default.
    const branding = new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    if (props.adminEmail !== undefined) {
      const adminGroup = groups.get('admin');
      if (!adminGroup) throw new Error('STAFF_GROUPS must contain an admin group.');
      const admin = new CfnUserPoolUser(this, 'AdminUser', {
        userPoolId: this.userPool.userPoolId,
        username: props.adminEmail,
        desiredDeliveryMediums: ['EMAIL'],
        userAttributes: [
          { name: 'email', value: props.adminEmail },
          { name: 'email_verified', value: 'true' },
        ],
      });
      const membership = new CfnUserPoolUserToGroupAttachment(this, 'AdminUserInAdminGroup', {
        userPoolId: this.userPool.userPoolId,
        groupName: adminGroup.groupName,
        username: props.adminEmail,
      });
      // The group is referenced (so ordered); the user is named by email, so order it explicitly.
      membership.node.addDependency(admin);
    }

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'HostedDomain', { value: this.domain.baseUrl(), description: 'Managed login (hosted UI) base URL' });
    new CfnOutput(this, 'Issuer', { value: this.issuer });
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
