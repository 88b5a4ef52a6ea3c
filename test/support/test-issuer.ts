/**
 * A token issuer for API integration tests: a real RSA key (jose) and a JWKS served over HTTP at
 * `/.well-known/jwks.json`, so the API's verifier fetches and checks keys exactly as in AWS. The
 * full browser sign-in through the local OpenID provider is covered by the e2e tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { Role } from '@wardpulse/domain';

export const TEST_CLIENT_ID = 'wardpulse-test-client';

export interface TokenOptions {
  roles?: Role[];
  username?: string;
  clientId?: string;
  /** `null`: a token without `exp`, which must be refused. */
  expiresIn?: string | number | null;
  issuer?: string;
  /** `null`: a token without `token_use`, which must be refused. */
  tokenUse?: 'access' | 'id' | null;
  key?: CryptoKey;
}

export interface TestIssuer {
  issuer: string;
  token(options?: TokenOptions): Promise<string>;
  /** A key the issuer does not publish, for forged-token tests. */
  foreignKey: CryptoKey;
  stop(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    foreignKey: foreign.privateKey,
    token: async (options = {}) => {
      const jwt = new SignJWT({
        client_id: options.clientId ?? TEST_CLIENT_ID,
        username: options.username ?? 'test-user',
        ...(options.tokenUse === null ? {} : { token_use: options.tokenUse ?? 'access' }),
        'cognito:groups': options.roles ?? ['admin'],
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject(`sub-${options.username ?? 'test-user'}`)
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt();
      if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '10m');
      return jwt.sign(options.key ?? privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
