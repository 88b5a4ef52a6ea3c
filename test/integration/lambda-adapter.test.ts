import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestTable, dynamoEndpoint } from '../support/api.ts';
import { startTestIssuer, TEST_CLIENT_ID, type TestIssuer } from '../support/test-issuer.ts';

const ORIGIN_SECRET = 'origin-secret-for-the-lambda-adapter-test-0123';
let issuer: TestIssuer;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string; isBase64Encoded: boolean }>;

/** An API Gateway HTTP API (payload format 2.0) event, as API Gateway sends it. */
function httpApiEvent(method: string, path: string, options: { body?: string; headers?: Record<string, string>; query?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: path.startsWith('/api/staff/') ? 'ANY /api/staff/{proxy+}' : 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: options.query ?? '',
    // As CloudFront forwards it: with the deployment's origin header.
    headers: { host: 'abc123.execute-api.eu-west-2.amazonaws.com', 'user-agent': 'vitest', 'x-forwarded-proto': 'https', 'x-wardpulse-origin': ORIGIN_SECRET, ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'Yx1aBcDEFGhIJkl=',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '25/Nov/2026:17:00:00 +0000',
      timeEpoch: 1795626000000,
    },
    isBase64Encoded: false,
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
}

const context = { awsRequestId: 'lambda-request-1', functionName: 'wardpulse-api' } as Context;

beforeAll(async () => {
  issuer = await startTestIssuer();
  vi.stubEnv('TABLE_NAME', await createTestTable());
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamoEndpoint());
  vi.stubEnv('OIDC_ISSUER', issuer.issuer);
  vi.stubEnv('OIDC_CLIENT_ID', TEST_CLIENT_ID);
  vi.stubEnv('APP_VERSION', '1.2.3-lambda');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('FILES_BUCKET', 'wardpulse-test-files');
  vi.stubEnv('IMPORT_FUNCTION_NAME', 'wardpulse-test-import');
  vi.stubEnv('ORIGIN_SECRET', ORIGIN_SECRET);
  ({ handler } = (await import('@wardpulse/functions/lambda/staff')) as unknown as { handler: typeof handler });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await issuer.stop();
});

describe('the Lambda adapter', () => {
  it('answers an HTTP API v2 event for the health route, echoing API Gateway’s request id', async () => {
    const result = await handler(httpApiEvent('GET', '/api/health'), context);

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok', version: '1.2.3-lambda', dynamodb: { ok: true } });
    expect(result.headers?.['x-request-id']).toBe('Yx1aBcDEFGhIJkl=');
  });

  it('verifies the bearer token and saves a JSON body sent through API Gateway', async () => {
    const token = await issuer.token({ roles: ['admin'], username: 'lambda-admin' });
    const body = JSON.stringify({ expectedVersion: 0, settings: { forceName: 'Lambda Police', retentionDays: 400, disclosureThreshold: 12 } });

    const result = await handler(
      httpApiEvent('PUT', '/api/staff/admin/settings', { body, headers: { 'content-type': 'application/json', 'content-length': String(body.length), authorization: `Bearer ${token}` } }),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ forceName: 'Lambda Police', version: 1, updatedBy: 'lambda-admin' });
  });

  it('refuses a request that did not come through CloudFront (no or a wrong origin header), before any route runs', async () => {
    const direct = httpApiEvent('GET', '/api/health');
    delete direct.headers['x-wardpulse-origin'];
    const guessed = httpApiEvent('GET', '/api/health', { headers: { 'x-wardpulse-origin': 'origin-secret-for-the-lambda-adapter-test-0124' } });

    for (const event of [direct, guessed]) {
      const result = await handler(event, context);
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body)).toEqual({ error: { code: 'request.not_via_edge', message: expect.stringContaining('site address') } });
    }
  });

  it('passes query strings through and maps errors to the JSON error shape', async () => {
    const token = await issuer.token({ roles: ['officer'] });

    const result = await handler(httpApiEvent('GET', '/api/staff/admin/audit', { query: 'month=2026-11', headers: { authorization: `Bearer ${token}` } }), context);

    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'auth.forbidden' } });
  });
});
