import { afterAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@wardpulse/domain';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer } from '../support/test-issuer.ts';
import { expectErrorBody, fillPath, operationsOf, type OpenApiDocument, type Operation } from '../support/openapi.ts';

/**
 * The authorisation matrix, generated from the route table: every operation of
 * `/api/openapi.json` × every kind of caller. Which roles a staff route admits is read from the
 * `x-roles` that `allow()` puts beside its `requireRole` middleware, so the rule checked here is
 * the rule the route enforces, and a staff route added without one fails the first test.
 *
 * An admitted role must get past authorisation: anything but 401/403 (and never a 5xx). With an
 * unknown id and an empty body that is usually 400/404/422. Routes with rules about the object
 * as well as the role (exports: `mayExport` in the domain, and jobs a user may not see answer
 * 404) decide in the handler; those rules are tested with real objects in exports.test.ts.
 */

const issuer = await startTestIssuer();
const tableName = await createTestTable();
const { app } = createTestApp({ issuer, tableName });
const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
const operations = operationsOf(document);
const staffOperations = operations.filter((operation) => operation.path.startsWith('/api/staff/'));
const publicOperations = operations.filter((operation) => !operation.path.startsWith('/api/staff/'));

afterAll(async () => {
  await issuer.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Callers that are not signed in, however they try: each must be refused with 401. */
const UNAUTHENTICATED: [string, () => Promise<Record<string, string>>, string][] = [
  ['no token', () => Promise.resolve({}), 'auth.unauthenticated'],
  ['an expired token', async () => bearer(await issuer.token({ expiresIn: Math.floor(Date.now() / 1000) - 60 })), 'auth.invalid_token'],
  ['a token from another issuer', async () => bearer(await issuer.token({ issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_other' })), 'auth.invalid_token'],
  ['a token issued to another application', async () => bearer(await issuer.token({ clientId: 'someone-else' })), 'auth.invalid_token'],
  ['an ID token', async () => bearer(await issuer.token({ tokenUse: 'id' })), 'auth.invalid_token'],
  ['a token signed with an unpublished key', async () => bearer(await issuer.token({ key: issuer.foreignKey })), 'auth.invalid_token'],
];

const roleHeaders = {} as Record<Role, Record<string, string>>;
for (const role of ROLES) roleHeaders[role] = bearer(await issuer.token({ roles: [role], username: `matrix-${role}` }));

/** The request a route gets: unknown ids in its path and, when it takes a body, an empty JSON object. */
function send(operation: Operation, headers: Record<string, string>) {
  const hasBody = operation.requestBody !== undefined;
  return app.request(fillPath(operation), {
    method: operation.method.toUpperCase(),
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { body: '{}' } : {}),
  });
}

describe('the route table', () => {
  it('says which roles may call every staff route (x-roles)', () => {
    const unmarked = staffOperations.filter((operation) => !Array.isArray(operation.roles) || operation.roles.length === 0).map((operation) => operation.label);

    expect(staffOperations.length).toBeGreaterThan(30);
    expect(unmarked, 'staff routes without `...allow(...)`').toEqual([]);
    for (const operation of staffOperations) expect(ROLES, operation.label).toEqual(expect.arrayContaining(operation.roles ?? []));
  });
});

describe.each(staffOperations)('$label', (operation) => {
  it.each(UNAUTHENTICATED)('refuses %s with 401 and the JSON error', async (_kind, headers, code) => {
    const response = await send(operation, await headers());

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await expectErrorBody(response)).code).toBe(code);
  });

  it('refuses a signed-in user with no WardPulse role with 403', async () => {
    const response = await send(operation, bearer(await issuer.token({ roles: [] })));

    expect(response.status).toBe(403);
    expect((await expectErrorBody(response)).code).toBe('auth.forbidden');
  });

  it.each(ROLES.map((role) => [role, operation.roles?.includes(role) ?? false] as const))('gives the %s role what x-roles says (admitted: %s)', async (role, admitted) => {
    const response = await send(operation, roleHeaders[role]);

    if (admitted) {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) await expectErrorBody(response);
    } else {
      expect(response.status).toBe(403);
      const error = await expectErrorBody(response);
      expect(error.code).toBe('auth.forbidden');
      expect(error.message).toContain(operation.roles?.join(' or '));
    }
  });
});

describe.each(publicOperations)('$label', (operation) => {
  it('answers a resident without a token, never with 401/403 or a 5xx', async () => {
    const response = await send(operation, {});

    expect([401, 403]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) await expectErrorBody(response);
  });
});

describe('paths and methods the route table does not have', () => {
  const unusedMethod = (path: string) => ['delete', 'patch', 'put', 'post'].find((method) => !operations.some((operation) => operation.path === path && operation.method === method));
  const paths = [...new Set(operations.map((operation) => operation.path))].flatMap((path) => {
    const method = unusedMethod(path);
    return method ? [{ path, method, label: `${method.toUpperCase()} ${path}` }] : [];
  });

  it.each(paths)('answers $label with the JSON 404 (no such route) once past sign-in', async ({ path, method }) => {
    const staff = path.startsWith('/api/staff/');

    const response = await app.request(fillPath({ path, method, label: '', parameters: [] }), { method: method.toUpperCase(), headers: staff ? roleHeaders.admin : {} });

    expect(response.status).toBe(404);
    expect((await expectErrorBody(response)).code).toBe('route.not_found');
  });

  it('refuses an unknown staff path without a token with 401, before saying whether it exists', async () => {
    const response = await app.request('/api/staff/no-such-route');

    expect(response.status).toBe(401);
    expect((await expectErrorBody(response)).code).toBe('auth.unauthenticated');
  });

  it('answers an unknown staff path with the JSON 404 for a signed-in user', async () => {
    const response = await app.request('/api/staff/no-such-route', { headers: roleHeaders.analyst });

    expect(response.status).toBe(404);
    expect((await expectErrorBody(response)).code).toBe('route.not_found');
  });
});
