import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '@wardpulse/domain';
import { seedDemoData } from '@wardpulse/dev';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer } from '../support/test-issuer.ts';
import { scanTable } from '../support/messaging.ts';
import { operationsOf, UNKNOWN_ID, type OpenApiDocument, type Operation } from '../support/openapi.ts';
import { brokenBody, Deep, exampleOf, junkPathSegment, junkString, serialise, withInvalidUtf8, type Components, type JsonSchema } from '../support/malformed.ts';

/**
 * Malformed requests to every route of `/api/openapi.json`, generated with fast-check, from every
 * kind of caller (each role, and nobody). Each request is broken in one way the route must refuse
 * — a body that breaks the route's own schema at a typed point, a body that is not JSON or not
 * UTF-8, nesting thousands deep, `__proto__` keys, a media type that is not JSON, a path id that
 * names nothing, a query or header value outside its schema — and is otherwise plausible (real
 * ids of seeded demo data, bodies shaped like the schema). Each must get a 4xx with the one JSON
 * error body, never a 2xx or a 5xx, and no request may change what is stored.
 */

const RUNS = 10_000;

const issuer = await startTestIssuer();
const tableName = await createTestTable();
const { app, repositories, client } = createTestApp({ issuer, tableName });
await seedDemoData(repositories, { responsesPerSurvey: 2, signups: 3 });
const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument & { components?: { schemas?: Components } };
const components: Components = document.components?.schemas ?? {};
const operations = operationsOf(document);

afterAll(async () => {
  await issuer.stop();
});

const callers: [string, Record<string, string>][] = [['nobody', {}]];
for (const role of ROLES) callers.push([role, { authorization: `Bearer ${await issuer.token({ roles: [role], username: `fuzz-${role}` })}` }]);

/** Ids of what the demo seed stored, so a broken request names real surveys and messages as often as not. */
async function realValues(): Promise<Record<string, string[]>> {
  const items = await scanTable(client, tableName);
  const uuids = new Set<string>();
  const slugs = new Set<string>();
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      if (typeof value !== 'string') continue;
      if ((key === 'id' || key.endsWith('Id')) && /^[0-9a-f-]{36}$/.test(value)) uuids.add(value);
      if (key === 'slug') slugs.add(value);
    }
  }
  return { uuid: [...uuids].slice(0, 50), slug: [...slugs], version: ['1', '2'] };
}
const real = await realValues();

function plausiblePathValue(operation: Operation, name: string) {
  const schema = operation.parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.schema;
  if (schema?.format === 'uuid') return fc.constantFrom(...real.uuid!, UNKNOWN_ID);
  if (schema?.type === 'integer') return fc.constantFrom(...real.version!);
  if (name === 'slug') return fc.constantFrom(...real.slug!, 'your-priorities');
  return fc.constant('unknown');
}

type ParameterSchema = JsonSchema & { pattern?: string; maximum?: number; maxLength?: number };

/** A value the parameter's schema surely refuses, or undefined when the schema refuses nothing we can name. */
function badParameter(schema: ParameterSchema | undefined): fc.Arbitrary<string> | undefined {
  if (!schema) return undefined;
  if (schema.enum) return junkString.map((value) => `!${value}`);
  if (schema.pattern || schema.format) return junkString.map((value) => `!${value}`);
  if (schema.type === 'integer') return fc.constantFrom('abc', '1.5', '-1', '0', '1e999', 'NaN', '', String(Number.MAX_SAFE_INTEGER));
  if (schema.type === 'number') return fc.constantFrom('abc', 'NaN', '-1', '2', '');
  const parts: fc.Arbitrary<string>[] = [];
  if (schema.minLength !== undefined && schema.minLength > 0) parts.push(fc.string({ maxLength: schema.minLength - 1 }));
  if (schema.maxLength !== undefined) parts.push(fc.integer({ min: schema.maxLength + 1, max: schema.maxLength + 5_000 }).map((length) => 'y'.repeat(length)));
  return parts.length > 0 ? fc.oneof(...parts) : undefined;
}

interface FuzzRequest {
  operation: Operation;
  breaker: string;
  caller: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

const NOT_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzz', 'application/xml', 'text/html; charset=utf-8', 'application/json-patch', 'json'];

function requestsFor(operation: Operation): fc.Arbitrary<FuzzRequest> | undefined {
  const bodySchema = (operation.requestBody?.content?.['application/json'] as { schema?: JsonSchema } | undefined)?.schema;
  const example = bodySchema ? exampleOf(bodySchema, components) : undefined;
  const exampleText = example === undefined ? undefined : serialise(example);
  const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const plainPath = fc.record(Object.fromEntries(pathNames.map((name) => [name, plausiblePathValue(operation, name)])) as Record<string, fc.Arbitrary<string>>);
  const fill = (values: Record<string, string>) => operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? 'unknown');
  const jsonHeaders = { 'content-type': 'application/json' };
  /** Every other parameter well formed: required query and header parameters get their example-ish values. */
  const goodQuery = operation.parameters.filter((parameter) => parameter.in === 'query' && parameter.required).map((parameter) => `${parameter.name}=${encodeURIComponent(String(exampleOf(parameter.schema as JsonSchema, components)))}`);
  const withQuery = (path: string, extra: string[] = []) => (goodQuery.length + extra.length > 0 ? `${path}?${[...goodQuery, ...extra].join('&')}` : path);

  const breakers: fc.Arbitrary<Omit<FuzzRequest, 'operation' | 'caller'>>[] = [];
  const breaker = (name: string, arbitrary: fc.Arbitrary<Omit<FuzzRequest, 'operation' | 'caller' | 'breaker'>>) => breakers.push(arbitrary.map((request) => ({ ...request, breaker: name })));

  if (bodySchema && exampleText !== undefined) {
    breaker('body breaks the schema', fc.tuple(plainPath, brokenBody(bodySchema, example, components)).map(([values, body]) => ({ path: withQuery(fill(values)), headers: jsonHeaders, body: serialise(body) })));
    breaker('body is not JSON', fc.tuple(plainPath, fc.oneof(fc.nat(Math.max(0, exampleText.length - 1)).map((cut) => exampleText.slice(0, cut)), junkString.filter((text) => !isJson(text)), fc.constant(`${exampleText},`), fc.constant(`${exampleText}}`))).map(([values, body]) => ({ path: withQuery(fill(values)), headers: jsonHeaders, body })));
    breaker('body is not UTF-8', fc.tuple(plainPath, withInvalidUtf8(exampleText)).map(([values, body]) => ({ path: withQuery(fill(values)), headers: jsonHeaders, body })));
    breaker('nesting thousands deep', fc.tuple(plainPath, fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>).map(([values, depth, kind]) => ({ path: withQuery(fill(values)), headers: jsonHeaders, body: serialise(new Deep(depth, kind)) })));
    breaker('media type is not JSON', fc.tuple(plainPath, fc.constantFrom(...NOT_JSON_TYPES, undefined)).map(([values, type]) => ({ path: withQuery(fill(values)), headers: type ? { 'content-type': type } : ({} as Record<string, string>), body: exampleText })));
  }
  for (const name of pathNames) {
    breaker(`path {${name}} names nothing`, fc.tuple(plainPath, junkPathSegment).map(([values, junk]) => ({ path: withQuery(fill({ ...values, [name]: junk })), headers: exampleText === undefined ? {} : jsonHeaders, ...(exampleText === undefined ? {} : { body: exampleText }) })));
  }
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query' || candidate.in === 'header')) {
    const bad = badParameter(parameter.schema as ParameterSchema);
    if (!bad) continue;
    breaker(`${parameter.in} ${parameter.name} outside its schema`, fc.tuple(plainPath, bad).map(([values, value]) => {
      const body = exampleText === undefined ? {} : { body: exampleText };
      const headers = exampleText === undefined ? {} : jsonHeaders;
      if (parameter.in === 'header') return { path: withQuery(fill(values)), headers: { ...headers, [parameter.name]: value.replace(/[^\x20-\x7e]/g, '?') }, ...body };
      const others = goodQuery.filter((pair) => !pair.startsWith(`${parameter.name}=`));
      return { path: `${fill(values)}?${[...others, `${parameter.name}=${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?'))}`].join('&')}`, headers, ...body };
    }));
  }
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'header' && candidate.required)) {
    breaker(`header ${parameter.name} missing`, plainPath.map((values) => ({ path: withQuery(fill(values)), headers: exampleText === undefined ? {} : jsonHeaders, ...(exampleText === undefined ? {} : { body: exampleText }) })));
  }
  if (breakers.length === 0) return undefined;
  return fc.tuple(fc.oneof(...breakers), fc.constantFrom(...callers)).map(([request, [caller, auth]]) => ({ ...request, operation, caller, headers: { ...request.headers, ...auth } }));
}

/**
 * Everything stored but the hourly per-address counters (HMAC keys, gone within two hours): a
 * well-formed request that names nothing (a rating of a message that does not exist) counts
 * against its network's allowance, so probing for ids is limited like any other traffic.
 */
async function stored() {
  return (await scanTable(client, tableName)).filter((item) => item.entity !== 'RateLimit');
}

/** What is wrong with an answer to a malformed request, or undefined when it is the 4xx JSON error. */
function checkAnswer(status: number, contentType: string | null, text: string): string | undefined {
  if (status < 400 || status >= 500) return `status ${status}`;
  if (!contentType?.startsWith('application/json')) return `content type ${contentType}`;
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') return 'no { error: { code, message } }';
  return undefined;
}

function isJson(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const fuzzed = operations.flatMap((operation) => {
  const requests = requestsFor(operation);
  return requests ? [{ operation, requests }] : [];
});

describe('malformed requests to every route', () => {
  it('covers every route that takes a body, a path id or a constrained parameter', () => {
    const unfuzzed = operations.filter((operation) => !fuzzed.some((entry) => entry.operation === operation)).map((operation) => operation.label);

    expect(fuzzed.length).toBeGreaterThan(50);
    // Only routes with nothing a caller can get wrong are left out.
    for (const label of unfuzzed) {
      const operation = operations.find((candidate) => candidate.label === label)!;
      expect(operation.requestBody, label).toBeUndefined();
      expect(operation.path, label).not.toMatch(/\{/);
    }
  });

  it(`answers ${RUNS} of them with a 4xx and the JSON error, and stores nothing`, { timeout: 600_000 }, async () => {
    const before = await stored();
    const byStatus = new Map<number, number>();
    const byBreaker = new Map<string, Map<number, number>>();
    /** Each distinct way a route failed, with its first example: every one is listed, not only the first met. */
    const failures = new Map<string, string>();

    await fc.assert(
      fc.asyncProperty(fc.oneof(...fuzzed.map((entry) => entry.requests)), async (request) => {
        const response = await app.request(request.path, { method: request.operation.method.toUpperCase(), headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
        const text = await response.text();
        byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
        const kind = request.breaker.replace(/\{\w+\}/, '{…}').replace(/^(query|header) \S+/, '$1 …');
        const statuses = byBreaker.get(kind) ?? new Map<number, number>();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        byBreaker.set(kind, statuses);
        const problem = checkAnswer(response.status, response.headers.get('content-type'), text);
        if (problem) {
          const key = `${request.operation.label} as ${request.caller} (${request.breaker}): ${problem}`;
          if (!failures.has(key)) failures.set(key, `${request.path.slice(0, 200)} → ${response.status} ${text.slice(0, 200)}`);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261204), endOnFailure: true },
    );

    const summary = [...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
    console.info(`api-fuzz: ${RUNS} requests over ${fuzzed.length} routes — ${summary.join(', ')}`);
    for (const [breaker, statuses] of byBreaker) console.info(`  ${breaker}: ${[...statuses].map(([status, count]) => `${status}×${count}`).join(' ')}`);
    expect(Object.fromEntries(failures)).toEqual({});
    expect(await stored()).toEqual(before);
  });
});
