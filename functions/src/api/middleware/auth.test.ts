import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from './auth.ts';

const ISSUER = 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example';

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setSubject('user-1').setIssuedAt().setExpirationTime('5m').sign(privateKey);
  return { verify: createTokenVerifier({ issuer: ISSUER, clientId: 'web', jwks }), sign };
}

describe('createTokenVerifier', () => {
  it('reads a Cognito-shaped access token into a principal with WardPulse roles only', async () => {
    const { verify, sign } = await setup();

    const principal = await verify(await sign({ client_id: 'web', token_use: 'access', username: 'ada', 'cognito:groups': ['admin', 'eu-west-2_example_Google'] }));

    expect(principal).toEqual({ subject: 'user-1', username: 'ada', roles: ['admin'] });
  });

  it('rejects a token for another client and a token that is not a JWT', async () => {
    const { verify, sign } = await setup();

    await expect(verify(await sign({ client_id: 'other', token_use: 'access' }))).rejects.toMatchObject({ code: 'auth.invalid_token' });
    await expect(verify('not-a-jwt')).rejects.toMatchObject({ code: 'auth.invalid_token' });
  });
});
