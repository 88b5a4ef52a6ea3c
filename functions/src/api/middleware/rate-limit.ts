import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from '@wardpulse/domain';
import type { PublicEnv } from '../context.ts';

interface LambdaEnv {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}
interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The header our CloudFront viewer-request function sets to the viewer's IP address, overwriting any the client sent (infra/lib/web-stack.ts). */
export const VIEWER_HEADER = 'x-wardpulse-viewer';

/**
 * The caller's network address, as an edge or proxy *we* run saw it, never as the caller says:
 * - In AWS: the viewer address our CloudFront function wrote into `x-wardpulse-viewer`, else API
 *   Gateway's `sourceIp`. Only CloudFront's requests reach the app (api/lambda/edge.ts), so the
 *   header cannot be forged by calling API Gateway directly. `X-Forwarded-For` is ignored: its
 *   first entries are whatever the client sent.
 * - On one machine: the entry `trustedProxyHops` from the right of `X-Forwarded-For` (the one the
 *   Vite dev proxy appended), else the socket's address.
 */
export function clientAddress(c: Context, trustedProxyHops = 0): string {
  const lambda = (c.env as LambdaEnv | undefined)?.event;
  if (lambda) {
    return c.req.header(VIEWER_HEADER) || (lambda.requestContext?.http?.sourceIp ?? 'unknown');
  }
  if (trustedProxyHops > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    const seen = hops[hops.length - trustedProxyHops];
    if (seen) return seen;
  }
  return (c.env as NodeEnv | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Counts one request against the caller's hourly allowance for `scope`, or throws a 429 with
 * `message`. The key is an HMAC (the deployment's own key) of the scope, the hour and the address:
 * never the address itself, not reversible by trying every IPv4 address, and gone within two hours
 * (the counter's TTL).
 * @example
 * await limitPerAddress(c, 'signup', messaging.signupsPerHour, 'You have made a lot of sign-ups…');
 */
export async function limitPerAddress(c: Context<PublicEnv>, scope: string, perHour: number, message: string): Promise<void> {
  const limit = await c.var.deps.repositories.rateLimits.consume(addressKey(c, scope), perHour, 3600);
  if (!limit.allowed) throw new RateLimitedError(message, limit.retryAfterSeconds);
}

/**
 * The caller's allowance key for `scope` this hour (see `limitPerAddress`), for a write that
 * counts the allowance in its own transaction instead (a response and its counters).
 */
export function addressKey(c: Context<PublicEnv>, scope: string, now = new Date()): string {
  const { config, messaging } = c.var.deps;
  const hour = now.toISOString().slice(0, 13);
  return createHmac('sha256', messaging.addressKey).update(`${scope}|${hour}|${clientAddress(c, config.trustedProxyHops)}`).digest('base64url').slice(0, 22);
}
