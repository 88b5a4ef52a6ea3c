import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});

const settings = { forceName: 'West Midlands Police', retentionDays: 365, disclosureThreshold: 10 };

async function put(app: ReturnType<typeof createTestApp>['app'], token: string, body: unknown) {
  return app.request('/api/staff/admin/settings', {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe('force settings', () => {
  it('saves settings, shows the new name to residents and records who changed what', async () => {
    const { app } = createTestApp({ issuer, tableName: await createTestTable() });
    const token = await issuer.token({ roles: ['admin'], username: 'ada' });

    const saved = await put(app, token, { expectedVersion: 0, settings });

    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ...settings, version: 1, updatedBy: 'ada' });
    expect(await (await app.request('/api/public/settings')).json()).toMatchObject({ forceName: 'West Midlands Police' });
    const audit = (await (await app.request('/api/staff/admin/audit', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      events: { actor: string; action: string; detail: Record<string, unknown> }[];
    };
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({ actor: 'ada', action: 'settings.updated', detail: { version: 1, forceName: 'West Midlands Police' } });
  });

  it('refuses out-of-range settings with a plain message naming each field and its allowed range', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName: await createTestTable() });
    const token = await issuer.token({ roles: ['admin'] });

    const response = await put(app, token, { expectedVersion: 0, settings: { ...settings, retentionDays: 10.5, disclosureThreshold: 2 } });

    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: 'validation.failed',
        message: '2 settings need changing: Retention days must be a whole number from 30 to 3650. Disclosure threshold must be a whole number from 3 to 100.',
        issues: [
          { path: ['json', 'settings', 'retentionDays'], message: 'Retention days must be a whole number from 30 to 3650.', code: 'invalid_type' },
          { path: ['json', 'settings', 'disclosureThreshold'], message: 'Disclosure threshold must be a whole number from 3 to 100.', code: 'too_small' },
        ],
      },
    });
    expect((await repositories.settings.get()).version).toBe(0);
  });

  it('refuses a stale version with 409 and keeps the other change', async () => {
    const { app, repositories } = createTestApp({ issuer, tableName: await createTestTable() });
    const token = await issuer.token({ roles: ['admin'] });
    await put(app, token, { expectedVersion: 0, settings });

    const stale = await put(app, token, { expectedVersion: 0, settings: { ...settings, forceName: 'Overwritten' } });

    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('settings.version_conflict');
    expect((await repositories.settings.get()).forceName).toBe('West Midlands Police');
  });

  it('applies a retried save once: the retry is refused and the audit trail has one entry', async () => {
    const { app } = createTestApp({ issuer, tableName: await createTestTable() });
    const token = await issuer.token({ roles: ['admin'] });

    const first = await put(app, token, { expectedVersion: 0, settings });
    const retry = await put(app, token, { expectedVersion: 0, settings });

    expect(first.status).toBe(200);
    expect(retry.status).toBe(409);
    const audit = (await (await app.request('/api/staff/admin/audit', { headers: { authorization: `Bearer ${token}` } })).json()) as { events: unknown[] };
    expect(audit.events).toHaveLength(1);
  });
});
