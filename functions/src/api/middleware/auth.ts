import { createMiddleware } from 'hono/factory';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ForbiddenError, hasAnyRole, ROLES, rolesFromGroups, UnauthenticatedError, UnavailableError, type Role } from '@wardpulse/domain';
import type { AppEnv, TokenVerifier } from '../context.ts';

export type { TokenVerifier } from '../context.ts';


export interface VerifierOptions {
  issuer: string;
  clientId: string;
  /** Defaults to the issuer's `/.well-known/jwks.json`, where both Cognito and the local issuer publish keys. */
  jwks?: JWTVerifyGetKey;
}

/**
 * Verifies an OIDC access token (Cognito in AWS, the local issuer on one machine) with `jose`
 * against the issuer's published keys, and reads roles from the `cognito:groups` claim.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const jwks = options.jwks ?? createRemoteJWKSet(new URL(`${options.issuer.replace(/\/$/, '')}/.well-known/jwks.json`), { timeoutDuration: 3_000, cooldownDuration: 30_000 });
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: options.issuer, algorithms: ['RS256', 'ES256', 'PS256'], requiredClaims: ['exp', 'sub', 'token_use'] }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && /fetch failed|ECONNREFUSED/i.test(error.message))) {
        throw new UnavailableError('The sign-in service did not answer; try again shortly.', 'auth.issuer_unavailable');
      }
      const reason = error instanceof joseErrors.JWTExpired ? 'Your sign-in has expired; sign in again.' : 'The access token is not valid.';
      throw new UnauthenticatedError(reason, 'auth.invalid_token');
    }
    if (payload.token_use !== 'access') {
      throw new UnauthenticatedError('Send an access token, not an ID token.', 'auth.invalid_token');
    }
    if (payload.client_id !== options.clientId) {
      throw new UnauthenticatedError('The access token was issued to another application.', 'auth.invalid_token');
    }
    const subject = payload.sub;
    if (!subject) throw new UnauthenticatedError('The access token has no subject.', 'auth.invalid_token');
    const username = typeof payload.username === 'string' ? payload.username : subject;
    return {
      subject,
      username,
      ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
      roles: rolesFromGroups(payload['cognito:groups']),
    };
  };
}

/** Requires a valid bearer token; puts the caller in `c.var.principal`. */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('Sign in to use the staff console: no bearer token was sent.');
  const principal = await c.var.deps.verifyToken(match[1]);
  if (principal.roles.length === 0) throw new ForbiddenError('Your account has no WardPulse role; ask an administrator to add one.');
  c.set('principal', principal);
  c.set('log', c.var.log.createChild({ persistentKeys: { user: principal.subject } }));
  await next();
});

/**
 * A staff route's role rule in both of its forms: the middleware that enforces it, and `x-roles`
 * in the route's operation of `/api/openapi.json`, which the authorisation matrix test reads so
 * the rule it checks is the rule the route enforces. Spread it into `createRoute`.
 * @example createRoute({ method: 'get', path: '/admin/settings', ...allow('admin'), responses })
 */
export function allow<const R extends readonly Role[]>(...roles: R) {
  return { middleware: [requireRole(...roles)], 'x-roles': roles };
}

/** Any member of staff: every role (`requireStaff` has already refused a token with none). */
export const allowAnyStaff = allow(...ROLES);

/** Route middleware: the caller must hold one of these roles. */
export function requireRole(...allowed: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!hasAnyRole(c.var.principal, allowed)) {
      throw new ForbiddenError(`This needs the ${allowed.join(' or ')} role; you are signed in as ${c.var.principal.roles.join(', ')}.`);
    }
    await next();
  });
}
