/**
 * A real OpenID Provider (`oidc-provider`) for one machine, standing in for Cognito: the web
 * app signs in with the same authorization code + PKCE flow, and the API verifies the same kind
 * of JWT access token (with a `cognito:groups` claim) against this issuer's published keys.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '../demo/accounts.ts';

export const LOCAL_CLIENT_ID = 'wardpulse-web';
/** The resource indicator for the API; access tokens are JWTs with this audience. */
export const LOCAL_API_RESOURCE = 'urn:wardpulse:api';
const SCOPE = 'openid profile email';

export interface LocalIssuerOptions {
  port: number;
  host?: string;
  /** Web origins allowed to sign in, e.g. `http://127.0.0.1:5173`. */
  webOrigins: string[];
  /** Keep the signing key here so tokens survive a restart (dev); a fresh key when omitted. */
  keyFile?: string;
  accounts?: DemoAccount[];
}

export interface LocalIssuer {
  issuer: string;
  clientId: string;
  stop(): Promise<void>;
}

async function signingKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function loginPage(uid: string, clientName: string, error?: string, username = ''): string {
  const accounts = DEMO_ACCOUNTS.map((a) => `<li><code>${escapeHtml(a.username)}</code> — ${escapeHtml(a.groups.join(', '))}</li>`).join('');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — WardPulse local issuer</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c;line-height:1.5}
label{display:block;font-weight:600;margin-top:1rem}input{font:inherit;width:100%;padding:.5rem;border:2px solid #0b0c0c;box-sizing:border-box}
input:focus,button:focus{outline:3px solid #fd0;outline-offset:0}button{font:inherit;margin-top:1.25rem;padding:.6rem 1.2rem;background:#00703c;color:#fff;border:0;cursor:pointer}
.error{border-left:5px solid #d4351c;padding:.5rem 1rem;color:#d4351c;font-weight:600}.note{background:#f3f2f1;padding:.75rem 1rem;margin-top:1.5rem}
</style></head>
<body><main>
<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p>This is the <strong>local demo issuer</strong>. In AWS, staff sign in with Amazon Cognito instead.</p>
${error ? `<p class="error" role="alert" id="login-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" required value="${escapeHtml(username)}" ${error ? 'aria-describedby="login-error"' : ''}>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<div class="note"><p>Demo accounts (password <code>${DEMO_PASSWORD}</code>):</p><ul>${accounts}</ul></div>
</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const host = options.host ?? '127.0.0.1';
  const issuer = `http://${host}:${options.port}`;
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const origins = new Set(options.webOrigins);

  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: 'WardPulse staff console',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.webOrigins.map((origin) => `${origin}/staff/callback`),
        post_logout_redirect_uris: options.webOrigins.map((origin) => `${origin}/staff`),
      },
    ],
    pkce: { required: () => true },
    routes: { jwks: '/.well-known/jwks.json' },
    jwks: { keys: [await signingKey(options.keyFile)] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, id) => {
      const account = byId.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, preferred_username: account.username }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => LOCAL_API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: SCOPE,
          audience: LOCAL_API_RESOURCE,
          accessTokenTTL: 60 * 60,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // Same claims Cognito puts in its access tokens, so the API reads roles one way everywhere.
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && token.accountId ? byId.get(token.accountId) : undefined;
      if (!account) return undefined;
      return { 'cognito:groups': account.groups, username: account.username, token_use: 'access' };
    },
    // First-party client: no consent screen, as with Cognito's managed login.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(SCOPE);
      grant.addOIDCClaims(['email', 'name', 'preferred_username']);
      grant.addResourceScope(LOCAL_API_RESOURCE, SCOPE);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 3600, IdToken: 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 3600, AuthorizationCode: 60, RefreshToken: 8 * 3600 },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre></main></body></html>`;
    },
  };

  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const handleInteraction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? 'WardPulse';
    if (req.method === 'GET' && !action) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(uid, clientName));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const username = form.get('username')?.trim() ?? '';
      const account = accounts.find((a) => a.username === username || a.email === username);
      if (!account || !sameSecret(form.get('password') ?? '', account.password)) {
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(uid, clientName, 'The username or password is not right.', username));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(405).end();
  };

  const server: Server = createServer((req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(req.url?.split('?')[0] ?? '');
    if (!match) {
      void callback(req, res);
      return;
    }
    handleInteraction(req, res, match[1]!, match[2]).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Sign-in could not continue: ${error instanceof Error ? error.message : 'unknown error'}. Start again from the staff console.`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
