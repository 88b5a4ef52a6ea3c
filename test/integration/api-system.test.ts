import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@wardpulse/dev';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;
let tableName: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  tableName = await createTestTable();
});
afterAll(async () => {
  await issuer.stop();
});

describe('system routes', () => {
  it('reports the version and that DynamoDB answers', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await app.request('/api/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', version: '9.9.9-test', dynamodb: { ok: true } });
  });

  it('answers 503 with a JSON body when DynamoDB does not answer', async () => {
    const deadEndpoint = `http://127.0.0.1:${await freePort()}`;
    const { app } = createTestApp({ issuer, tableName, endpoint: deadEndpoint });

    const response = await app.request('/api/health');

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', error: { code: 'service.unavailable' }, dynamodb: { ok: false } });
  });

  it('tells the web app which issuer to sign in with', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await app.request('/api/config');

    expect(await response.json()).toMatchObject({ auth: { authority: issuer.issuer, clientId: 'wardpulse-test-client', scope: 'openid profile email' } });
  });

  it('lists every route in the OpenAPI document, with staff routes marked as needing a bearer token', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const document = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };

    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/config',
        'GET /api/public/settings',
        'GET /api/staff/me',
        'GET /api/staff/admin/settings',
        'PUT /api/staff/admin/settings',
        'GET /api/staff/admin/audit',
        'POST /api/public/postcodes/lookup',
        'POST /api/public/postcode-areas/lookup',
        'GET /api/public/wards',
        'GET /api/public/geography/map',
        'GET /api/staff/geography',
        'GET /api/staff/geography/wards',
        'POST /api/staff/admin/imports',
        'GET /api/staff/admin/imports',
        'POST /api/staff/admin/imports/{id}/start',
        'POST /api/staff/admin/imports/{id}/preview',
        'GET /api/staff/admin/imports/{id}',
        'GET /api/public/surveys',
        'GET /api/public/surveys/{slug}',
        'POST /api/public/responses',
        'GET /api/staff/surveys',
        'POST /api/staff/surveys',
        'GET /api/staff/surveys/templates',
        'GET /api/staff/surveys/{id}',
        'GET /api/staff/surveys/{id}/versions/{version}',
        'PUT /api/staff/surveys/{id}/draft',
        'POST /api/staff/surveys/{id}/publish',
        'POST /api/staff/surveys/{id}/edit',
        'POST /api/staff/surveys/{id}/close',
        'POST /api/staff/surveys/{id}/next-wave',
        'GET /api/staff/surveys/{id}/versions/{version}/verify',
        'GET /api/staff/surveys/{id}/results',
        'GET /api/staff/surveys/{id}/results/compare',
        'POST /api/staff/surveys/{id}/exports',
        'GET /api/staff/exports/{id}',
        'POST /api/public/signups',
        'GET /api/public/messages/{id}',
        'POST /api/staff/messages',
      ]),
    );
    // Every staff operation is documented as needing the bearer token; no public one is.
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (path.startsWith('/api/staff/')) expect({ op: `${method} ${path}`, security: operation.security }).toEqual({ op: `${method} ${path}`, security: [{ bearer: [] }] });
        else expect({ op: `${method} ${path}`, security: operation.security }).toEqual({ op: `${method} ${path}`, security: undefined });
      }
    }
    expect(document.components.securitySchemes).toHaveProperty('bearer');
  });

  it('serves a browsable API reference page', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await app.request('/api/docs');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('/api/openapi.json');
  });

  it('serves no reference page, and so no third-party script, in a force’s real stages', async () => {
    for (const stage of ['prod', 'staging']) {
      const { app } = createTestApp({ issuer, tableName, stage });

      const docs = await app.request('/api/docs');
      const openapi = await app.request('/api/openapi.json');

      expect(docs.status).toBe(404);
      expect(docs.headers.get('content-type')).toContain('application/json');
      expect(openapi.status).toBe(200);
    }
  });
});
