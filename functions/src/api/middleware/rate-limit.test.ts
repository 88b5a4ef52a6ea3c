import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, VIEWER_HEADER } from './rate-limit.ts';

/** What clientAddress answers for a request with these headers, in a Lambda event or on a Node socket. */
async function addressOf(headers: Record<string, string>, env: unknown, trustedProxyHops = 0): Promise<string> {
  const app = new Hono().get('/', (c) => c.text(clientAddress(c, trustedProxyHops)));
  return (await app.request('/', { headers }, env)).text();
}

const lambda = (sourceIp: string) => ({ event: { requestContext: { http: { sourceIp } } } });
const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('the client address', () => {
  it('in AWS is the viewer address CloudFront saw, never what the client wrote in X-Forwarded-For', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.1, 198.51.100.9', [VIEWER_HEADER]: '192.0.2.44' };
    expect(await addressOf(headers, lambda('130.176.0.1'))).toBe('192.0.2.44');
    expect(await addressOf({ [VIEWER_HEADER]: '2001:db8::7' }, lambda('130.176.0.1'))).toBe('2001:db8::7');
  });

  it('in AWS without CloudFront is the source address API Gateway saw', async () => {
    expect(await addressOf({ 'x-forwarded-for': '203.0.113.1' }, lambda('192.0.2.50'))).toBe('192.0.2.50');
  });

  it('on one machine takes the hop our proxy appended, or the socket when no proxy is trusted', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.1, 192.0.2.60' };
    expect(await addressOf(headers, socket('127.0.0.1'), 1)).toBe('192.0.2.60');
    expect(await addressOf(headers, socket('127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(await addressOf({}, socket('::1'), 1)).toBe('::1');
  });
});
