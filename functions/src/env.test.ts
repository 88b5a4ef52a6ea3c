import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('fills defaults around the two required sign-in settings', () => {
    const env = readEnv({ OIDC_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc', OIDC_CLIENT_ID: 'client' });

    expect(env).toMatchObject({ TABLE_NAME: 'wardpulse', MAX_BODY_BYTES: 65536, STAGE: 'local', POWERTOOLS_LOG_LEVEL: 'INFO' });
  });

  it('names every missing or malformed variable at once', () => {
    expect(() => readEnv({ OIDC_ISSUER: 'not a url', MAX_BODY_BYTES: 'lots' })).toThrow(/OIDC_ISSUER[\s\S]*OIDC_CLIENT_ID[\s\S]*MAX_BODY_BYTES/);
  });

  it('refuses a body limit smaller than the largest response a publishable survey can receive', () => {
    const env = { OIDC_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc', OIDC_CLIENT_ID: 'client' };
    expect(() => readEnv({ ...env, MAX_BODY_BYTES: '32768' })).toThrow(/MAX_BODY_BYTES[\s\S]*at least 65536/);
    expect(readEnv({ ...env, MAX_BODY_BYTES: '131072' }).MAX_BODY_BYTES).toBe(131072);
  });
});
