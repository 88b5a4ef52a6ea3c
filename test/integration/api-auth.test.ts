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

const get = (app: ReturnType<typeof createTestApp>['app'], path: string, token?: string) =>
  app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('staff routes need a valid token and the right role', () => {
  it('refuses a request without a token with 401 and a WWW-Authenticate challenge', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await get(app, '/api/staff/me');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('auth.unauthenticated');
  });

  it.each([
    ['signed with a key the issuer does not publish', async () => issuer.token({ key: issuer.foreignKey })],
    ['expired', async () => issuer.token({ expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['issued to another application', async () => issuer.token({ clientId: 'someone-else' })],
    ['from another issuer', async () => issuer.token({ issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_other' })],
    ['an ID token rather than an access token', async () => issuer.token({ tokenUse: 'id' })],
    ['that never expires (no exp)', async () => issuer.token({ expiresIn: null })],
    ['that does not say it is an access token (no token_use)', async () => issuer.token({ tokenUse: null })],
  ])('refuses a token %s with 401', async (_label, makeToken) => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await get(app, '/api/staff/me', await makeToken());

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('auth.invalid_token');
  });

  it('reads roles from the cognito:groups claim', async () => {
    const { app } = createTestApp({ issuer, tableName });
    const token = await issuer.token({ roles: ['analyst'], username: 'anita' });

    const response = await get(app, '/api/staff/me', token);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ subject: 'sub-anita', username: 'anita', roles: ['analyst'] });
  });

  it('refuses a valid token that carries no WardPulse role with 403', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await get(app, '/api/staff/me', await issuer.token({ roles: [] }));

    expect(response.status).toBe(403);
  });

  it.each(['officer', 'analyst'] as const)('refuses the %s role on admin routes with 403', async (role) => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await get(app, '/api/staff/admin/settings', await issuer.token({ roles: [role] }));

    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('auth.forbidden');
    expect(error.message).toContain('admin');
  });

  it('lets residents use public routes without an account', async () => {
    const { app } = createTestApp({ issuer, tableName });

    const response = await get(app, '/api/public/settings');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ forceName: 'Demo Constabulary (demo data)', examplePostcode: null });
  });
});
