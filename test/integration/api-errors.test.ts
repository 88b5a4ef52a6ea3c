import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const jsonHeaders = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const validBody = { expectedVersion: 0, settings: { forceName: 'West Midlands Police', retentionDays: 365, disclosureThreshold: 10 } };

describe('bad input gets a JSON error and stores nothing', () => {
  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });

    const response = await app.request('/api/staff/admin/settings', { method: 'PUT', headers: jsonHeaders(token), body: '{"expectedVersion": 0,' });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'request.malformed_json', message: 'The request body is not valid JSON.' } });
    expect((await repositories.settings.get()).version).toBe(0);
  });

  it('answers a JSON body that is not UTF-8 with 400, rather than storing altered text', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });
    const text = new TextEncoder().encode(JSON.stringify({ ...validBody, settings: { ...validBody.settings, forceName: 'West Midlands Police' } }));
    // A lone continuation byte inside the force's name: a lenient decoder would store U+FFFD there.
    const at = text.indexOf(0x4d); // "M" of "Midlands"
    const body = Uint8Array.from([...text.slice(0, at), 0x80, ...text.slice(at)]);

    const response = await app.request('/api/staff/admin/settings', { method: 'PUT', headers: jsonHeaders(token), body });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'request.invalid_encoding', message: 'The request body is not valid UTF-8 text.' } });
    expect((await repositories.settings.get()).version).toBe(0);
  });

  it('answers a body that is not JSON with 415 naming the content type', async () => {
    const { app } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });

    const response = await app.request('/api/staff/admin/settings', {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: JSON.stringify(validBody),
    });

    expect(response.status).toBe(415);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('request.unsupported_media_type');
    expect(body.error.message).toContain('text/plain');
  });

  it('answers an oversize body with 413 before reading it, and stores nothing', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName, maxBodyBytes: 1024 });
    const token = await issuer.token({ roles: ['admin'] });
    const huge = { ...validBody, settings: { ...validBody.settings, forceName: 'x'.repeat(5_000) } };

    const response = await app.request('/api/staff/admin/settings', { method: 'PUT', headers: jsonHeaders(token), body: JSON.stringify(huge) });

    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request.too_large');
    expect((await repositories.settings.get()).version).toBe(0);
  });

  it('answers a schema violation with 422 and an issue for each problem', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });
    const body = { expectedVersion: 0, settings: { forceName: 'W', retentionDays: 1, disclosureThreshold: 10, extra: true } };

    const response = await app.request('/api/staff/admin/settings', { method: 'PUT', headers: jsonHeaders(token), body: JSON.stringify(body) });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string; issues: { path: (string | number)[]; message: string }[] } };
    expect(error.code).toBe('validation.failed');
    expect(error.issues.map(({ path, message }) => ({ path: path.join('.'), message }))).toEqual(
      expect.arrayContaining([
        { path: 'json.settings.forceName', message: 'Force or PCC name must be from 2 to 120 characters long.' },
        { path: 'json.settings.retentionDays', message: 'Retention days must be a whole number from 30 to 3650.' },
        { path: 'json.settings', message: 'Settings has a field WardPulse does not recognise: \u201cextra\u201d. Remove it.' },
      ]),
    );
    expect(error.message).toMatch(/^3 settings need changing: /);
    expect(error.message).toContain('Retention days must be a whole number from 30 to 3650.');
    expect((await repositories.settings.get()).version).toBe(0);
  });

  it('names a missing or mistyped field in plain English, for any route', async () => {
    const { app } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });

    const response = await app.request('/api/staff/admin/settings', { method: 'PUT', headers: jsonHeaders(token), body: JSON.stringify({ settings: validBody.settings }) });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string; issues: { path: string[]; message: string }[] } };
    expect(error.issues).toEqual([{ path: ['json', 'expectedVersion'], message: 'Expected version is required.', code: 'invalid_type' }]);
    expect(error.message).toBe('1 field needs changing: Expected version is required.');
    expect(JSON.stringify(error)).not.toMatch(/schema|Too small|expected number|>=/);
  });

  it('answers a malformed query parameter with 400 naming it', async () => {
    const { app } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['admin'] });

    const response = await app.request('/api/staff/admin/audit?month=November', { headers: { authorization: `Bearer ${token}` } });

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string; issues: { path: string[]; message: string }[] } };
    expect(error.code).toBe('request.invalid');
    expect(error.issues[0]?.path).toEqual(['query', 'month']);
    expect(error.issues[0]?.message).toBe('Month must be in the form YYYY-MM, e.g. 2026-11.');
    expect(error.message).toBe('1 value in the address needs changing: Month must be in the form YYYY-MM, e.g. 2026-11.');
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await app.request('/api/no-such-thing', { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'route.not_found', message: 'No route for POST /api/no-such-thing.' } });
  });

  it('answers an unexpected failure with 500, a correlation id and no stack trace', async () => {
    const { app } = createTestApp({ issuer, tableName: 'wardpulse-table-that-does-not-exist' });

    const response = await app.request('/api/public/settings');

    expect(response.status).toBe(500);
    const text = await response.text();
    const { error } = JSON.parse(text) as { error: { code: string; correlationId: string } };
    expect(error.code).toBe('internal.error');
    expect(error.correlationId).toBe(response.headers.get('x-request-id'));
    expect(text).not.toMatch(/ResourceNotFound|at .*\.ts|node_modules/);
  });
});
