import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from '@wardpulse/domain';
import type { PublicEnv } from '../context.ts';

/** The caller's network address: the first `X-Forwarded-For` hop, API Gateway's source IP, or the Node socket's. */
export function clientAddress(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event?.requestContext?.http?.sourceIp;
  const node = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return forwarded || lambda || node || 'unknown';
}

/**
 * Counts one request against the caller's hourly allowance for `scope`, or throws a 429 with
 * `message`. The key is a hash of the scope, the hour and the address: never the address itself,
 * and gone within two hours (the counter's TTL).
 * @example
 * await limitPerAddress(c, 'signup', messaging.signupsPerHour, 'You have made a lot of sign-ups…');
 */
export async function limitPerAddress(c: Context<PublicEnv>, scope: string, perHour: number, message: string): Promise<void> {
  const hour = new Date().toISOString().slice(0, 13);
  const key = createHash('sha256').update(`${scope}|${hour}|${clientAddress(c)}`).digest('base64url').slice(0, 22);
  const limit = await c.var.deps.repositories.rateLimits.consume(key, perHour, 3600);
  if (!limit.allowed) throw new RateLimitedError(message, limit.retryAfterSeconds);
}
