import { describe, expect, it } from 'vitest';
import { InfraConfigError, readAppConfig } from '../lib/config.ts';

const PROD = { stage: 'prod', allowedOrigin: 'https://wardpulse.example-police.uk', adminEmail: 'admin@example-police.uk' };

function configFrom(context: Record<string, unknown>) {
  return readAppConfig((key) => context[key]);
}

function errorFrom(context: Record<string, unknown>): InfraConfigError {
  try {
    configFrom(context);
  } catch (error) {
    if (error instanceof InfraConfigError) return error;
    throw error;
  }
  throw new Error('expected readAppConfig to throw');
}

describe('readAppConfig', () => {
  it('defaults to a dev stage in London that the Vite dev server can sign in to', () => {
    const config = configFrom({});

    expect(config).toEqual({
      stage: 'dev',
      region: 'eu-west-2',
      allowedOrigin: 'http://localhost:5173',
      authDomainPrefix: 'wardpulse-dev',
      mailFrom: 'messages@example.com',
      nag: false,
      waf: false,
      wafRateLimit: 2000,
    });
  });

  it('names allowedOrigin when a prod stage lacks it', () => {
    const error = errorFrom({ stage: 'prod', adminEmail: PROD.adminEmail });

    expect(error.code).toBe('config.missing_context');
    expect(error.key).toBe('allowedOrigin');
    expect(error.message).toMatch(/^Missing context "allowedOrigin" for stage "prod": pass .*-c allowedOrigin=https:\/\//);
  });

  it('names adminEmail when a prod stage lacks it', () => {
    const error = errorFrom({ stage: 'prod', allowedOrigin: PROD.allowedOrigin });

    expect(error.key).toBe('adminEmail');
    expect(error.message).toContain('Missing context "adminEmail" for stage "prod"');
  });

  it('treats an empty -c value as missing', () => {
    expect(errorFrom({ ...PROD, allowedOrigin: '' }).key).toBe('allowedOrigin');
  });

  it('rejects plain http and paths in the origin outside local dev', () => {
    expect(errorFrom({ ...PROD, allowedOrigin: 'http://wardpulse.example-police.uk' }).message).toMatch(/must use https/);
    expect(errorFrom({ ...PROD, allowedOrigin: 'https://wardpulse.example-police.uk/' }).message).toMatch(/origin only/);
    expect(errorFrom({ stage: 'dev', allowedOrigin: 'http://wardpulse.example-police.uk' }).key).toBe('allowedOrigin');
  });

  it('accepts a complete prod context and reads nag from the command line', () => {
    const config = configFrom({ ...PROD, nag: 'true', version: '1.4.0' });

    expect(config).toMatchObject({ ...PROD, region: 'eu-west-2', authDomainPrefix: 'wardpulse-prod', nag: true, version: '1.4.0' });
  });

  it('needs a us-east-1 certificate with a domain name, and the origin to match it', () => {
    const domainName = 'wardpulse.example-police.uk';
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-aaaa-bbbb-cccc-123456789abc';

    expect(errorFrom({ ...PROD, domainName }).key).toBe('certificateArn');
    expect(errorFrom({ ...PROD, domainName, certificateArn: certificateArn.replace('us-east-1', 'eu-west-2') }).message).toMatch(/us-east-1/);
    expect(errorFrom({ ...PROD, allowedOrigin: 'https://other.example-police.uk', domainName, certificateArn }).key).toBe('allowedOrigin');
    expect(configFrom({ ...PROD, domainName, certificateArn })).toMatchObject({ domainName, certificateArn });
  });

  it('sends community messages from the site’s domain unless told, and checks the address', () => {
    expect(configFrom(PROD).mailFrom).toBe('messages@wardpulse.example-police.uk');
    expect(configFrom({ ...PROD, mailFrom: 'neighbourhood@example-police.uk' }).mailFrom).toBe('neighbourhood@example-police.uk');
    expect(errorFrom({ ...PROD, mailFrom: 'not an address' }).key).toBe('mailFrom');
  });

  it('rejects Cognito domain prefixes Cognito would refuse', () => {
    expect(errorFrom({ ...PROD, authDomainPrefix: 'aws-wardpulse' }).key).toBe('authDomainPrefix');
    expect(errorFrom({ ...PROD, authDomainPrefix: 'WardPulse' }).key).toBe('authDomainPrefix');
  });

  it('turns the WAF on by default outside dev, and takes -c waf=true|false either way', () => {
    expect(configFrom(PROD).waf).toBe(true);
    expect(configFrom({ stage: 'staging', allowedOrigin: PROD.allowedOrigin, adminEmail: PROD.adminEmail }).waf).toBe(true);
    expect(configFrom({}).waf).toBe(false);
    expect(configFrom({ waf: 'true' }).waf).toBe(true);
    expect(configFrom({ waf: true }).waf).toBe(true);
    expect(configFrom({ ...PROD, waf: 'false' }).waf).toBe(false);
    expect(configFrom({ ...PROD, waf: false }).waf).toBe(false);
    expect(configFrom({ ...PROD, waf: '' }).waf).toBe(true);
  });

  it('names waf when it is neither true nor false', () => {
    const error = errorFrom({ ...PROD, waf: 'yes' });

    expect(error.code).toBe('config.invalid_context');
    expect(error.key).toBe('waf');
    expect(error.message).toBe('Invalid context "waf": context "waf" must be true or false, got "yes".');
    expect(errorFrom({ ...PROD, waf: 1 }).key).toBe('waf');
  });

  it('reads wafRateLimit as a whole number from cdk.json or the command line, 2000 unless told', () => {
    expect(configFrom(PROD).wafRateLimit).toBe(2000);
    expect(configFrom({ ...PROD, wafRateLimit: '3000' }).wafRateLimit).toBe(3000);
    expect(configFrom({ ...PROD, wafRateLimit: 100 }).wafRateLimit).toBe(100);
    expect(configFrom({ ...PROD, wafRateLimit: 2_000_000_000 }).wafRateLimit).toBe(2_000_000_000);
  });

  it('refuses a wafRateLimit under 100 per 5 minutes, over WAF\'s maximum, or not a whole number', () => {
    for (const wafRateLimit of [99, '10', 0, -5, 2_000_000_001, 150.5, '2e3', '1,000', 'lots', true]) {
      const error = errorFrom({ ...PROD, wafRateLimit });

      expect(error.code).toBe('config.invalid_context');
      expect(error.key).toBe('wafRateLimit');
      expect(error.message).toMatch(/^Invalid context "wafRateLimit": .* from 100 to 2000000000 \(default 2000\)/);
    }
  });
});
