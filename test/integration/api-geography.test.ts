import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const SANDWELL_WARDS = `${SHARED}geography/wards_wd25_E08000028.geojson`;
const SANDWELL_POSTCODES = `${SHARED}postcodes/nspl_aug2024_pc_ward_sandwell_E08000028.csv`;

let issuer: TestIssuer;
let testApp: ReturnType<typeof createTestApp>;
let adminToken: string;
const postcodeRows = readFileSync(SANDWELL_POSTCODES, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));

type Json = Record<string, unknown>;

async function importThroughApi(kind: 'boundaries' | 'postcodes' | 'areas', fileName: string, content: Buffer | string, options: Json = {}) {
  const { app, files, jobs } = testApp;
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const bytes = Buffer.byteLength(content);
  const created = await app.request('/api/staff/admin/imports', { method: 'POST', headers, body: JSON.stringify({ kind, fileName, fileBytes: bytes, options }) });
  expect(created.status).toBe(201);
  const { job, upload } = (await created.json()) as { job: { id: string }; upload: { url: string; withAuthorization: boolean } };
  expect(upload.url).toBe(`/api/staff/admin/imports/${job.id}/file`);
  // What the local server's upload route does with the browser's PUT body.
  await files.write(`imports/${job.id}`, Readable.toWeb(Readable.from([content])) as never, 10 * 1024 ** 2);
  const started = await app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
  expect(started.status).toBe(202);
  await jobs.idle();
  const finished = await app.request(`/api/staff/admin/imports/${job.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  return (await finished.json()) as { id: string; status: string; report?: Json; error?: { code: string; message: string }; progress: Json };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  testApp = createTestApp({ issuer, tableName: await createTestTable() });
  adminToken = await issuer.token({ roles: ['admin'], username: 'geo-admin' });
  const boundaries = await importThroughApi('boundaries', 'wards_wd25_E08000028.geojson', readFileSync(SANDWELL_WARDS));
  expect(boundaries.status).toBe('succeeded');
  const postcodes = await importThroughApi('postcodes', 'nspl_aug2024_pc_ward_sandwell_E08000028.csv', readFileSync(SANDWELL_POSTCODES));
  expect(postcodes.status).toBe('succeeded');
}, 120_000);
afterAll(async () => {
  await issuer.stop();
});

const lookUp = (body: Record<string, string>, route = 'postcodes') =>
  testApp.app.request(`/api/public/${route}/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('postcode lookup for residents', () => {
  const [postcode = '', , wardCode = ''] = postcodeRows[0] ?? [];

  it.each([postcode, postcode.toLowerCase(), postcode.replace(' ', ''), `  ${postcode.toLowerCase().replace(' ', '   ')} `])('resolves %j to its ward, district and vintage', async (typed) => {
    const response = await lookUp({ postcode: typed });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ postcode, wardCode, districtName: 'Sandwell', vintage: '2025-05', lookupVintage: '2024-08', terminated: false, inBoundaryVintage: true });
  });

  it('answers 404 for a well-formed postcode outside the force', async () => {
    const response = await lookUp({ postcode: 'SW1A 1AA' });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('postcode.not_found');
  });

  it.each(['hello', '12345', 'B66 1AAAA'])('answers 422 for the malformed %j, naming the parameter', async (typed) => {
    const response = await lookUp({ postcode: typed });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string[] }[] } };
    expect(error.code).toBe('postcode.malformed');
    expect(error.issues[0]?.path).toEqual(['postcode']);
  });

  it('points a partial postcode at the candidates route', async () => {
    const response = await lookUp({ postcode: 'B66' });

    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('postcode-areas');
  });

  it.each(['B66', 'B66 1'])('lists candidate wards for %j with counts that add up to the file', async (partial) => {
    const expected = postcodeRows.filter(([pc = '']) => (partial.includes(' ') ? pc.startsWith(`${partial}`) && pc.split(' ')[1]?.[0] === partial.split(' ')[1] : pc.split(' ')[0] === partial)).length;

    const response = await lookUp({ partial }, 'postcode-areas');

    expect(response.status).toBe(200);
    const { candidates } = (await response.json()) as { candidates: { wardCode: string; wardName?: string; postcodes: number; share: number }[] };
    expect(candidates.reduce((sum, c) => sum + c.postcodes, 0)).toBe(expected);
    expect(candidates[0]?.wardName).toBeTruthy();
    expect(candidates.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 6);
  });

  it('lists every ward by district for residents who would rather choose', async () => {
    const response = await testApp.app.request('/api/public/wards');

    const body = (await response.json()) as { vintage: string; districts: { name: string; wards: unknown[] }[] };
    expect(body.vintage).toBe('2025-05');
    expect(body.districts.map((d) => [d.name, d.wards.length])).toEqual([['Sandwell', 24]]);
  });

  it('serves the simplified map as TopoJSON with every ward', async () => {
    const response = await testApp.app.request('/api/public/geography/map');

    expect(response.status).toBe(200);
    const topology = (await response.json()) as { type: string; objects: Record<string, { geometries: unknown[] }> };
    expect(topology.type).toBe('Topology');
    expect(Object.values(topology.objects)[0]?.geometries).toHaveLength(24);
  });
});

describe('geography for staff', () => {
  it('shows analysts the live vintage and districts', async () => {
    const token = await issuer.token({ roles: ['analyst'] });

    const response = await testApp.app.request('/api/staff/geography', { headers: { authorization: `Bearer ${token}` } });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ currentVintage: '2025-05', districts: [{ code: 'E08000028', name: 'Sandwell', wardCount: 24 }] });
  });

  it('refuses imports to officers', async () => {
    const token = await issuer.token({ roles: ['officer'] });

    const response = await testApp.app.request('/api/staff/admin/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'boundaries', fileName: 'x.geojson', fileBytes: 10 }),
    });

    expect(response.status).toBe(403);
  });

  it('refuses to start an import before its file is uploaded, and to start one twice', async () => {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const created = await testApp.app.request('/api/staff/admin/imports', { method: 'POST', headers, body: JSON.stringify({ kind: 'areas', fileName: 'areas.csv', fileBytes: 10, options: { areaKind: 'npt' } }) });
    const { job } = (await created.json()) as { job: { id: string } };

    const early = await testApp.app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers });
    await testApp.files.write(`imports/${job.id}`, Readable.toWeb(Readable.from(['area_name,ward_code\n'])) as never, 1024);
    const first = await testApp.app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers });
    const second = await testApp.app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers });
    await testApp.jobs.idle();

    expect(early.status).toBe(422);
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
  });

  it('records a bad file as a failed job naming the problem, and changes nothing', async () => {
    const before = await (await testApp.app.request('/api/public/wards')).json();

    const job = await importThroughApi('boundaries', 'not-geojson.geojson', 'this is not JSON');

    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('boundaries.not_json');
    expect(await (await testApp.app.request('/api/public/wards')).json()).toEqual(before);
  });

  it('refuses an areas import that does not say which kind of area, in plain words', async () => {
    const response = await testApp.app.request('/api/staff/admin/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'areas', fileName: 'npt.csv', fileBytes: 40 }),
    });

    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string; issues: { path: string[]; message: string }[] } };
    expect(error.issues).toEqual([
      { path: ['json', 'options', 'areaKind'], message: 'Kind of area is required for an areas import: choose Impact Areas (impact-area) or Neighbourhood Policing Teams (npt).', code: 'custom' },
    ]);
    expect(error.message).toBe('1 field needs changing: Kind of area is required for an areas import: choose Impact Areas (impact-area) or Neighbourhood Policing Teams (npt).');
  });

  it('previews what an areas import would replace, changes nothing until it is started, then replaces only that kind', async () => {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const first = await importThroughApi('areas', 'impact.csv', 'area_name,ward_code\nSmethwick Preview,E05001277\nSmethwick Preview,E05001278\nTipton Preview,E05001279\n', { areaKind: 'impact-area' });
    expect(first.status).toBe('succeeded');
    const file = 'area_name,ward_code\nSmethwick Preview,E05001278\nOldbury Preview,E05001272\n';
    const created = await testApp.app.request('/api/staff/admin/imports', { method: 'POST', headers, body: JSON.stringify({ kind: 'areas', fileName: 'impact-2.csv', fileBytes: Buffer.byteLength(file), options: { areaKind: 'impact-area' } }) });
    const { job } = (await created.json()) as { job: { id: string } };
    await testApp.files.write(`imports/${job.id}`, Readable.toWeb(Readable.from([file])) as never, 1024);

    const preview = await testApp.app.request(`/api/staff/admin/imports/${job.id}/preview`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });

    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({
      vintage: '2025-05',
      kind: 'impact-area',
      existing: [
        { id: 'smethwick-preview', name: 'Smethwick Preview', wardCodes: ['E05001277', 'E05001278'], outcome: 'changed' },
        { id: 'tipton-preview', name: 'Tipton Preview', wardCodes: ['E05001279'], outcome: 'removed' },
      ],
      incoming: [
        { id: 'smethwick-preview', name: 'Smethwick Preview', wardCodes: ['E05001278'], outcome: 'changed' },
        { id: 'oldbury-preview', name: 'Oldbury Preview', wardCodes: ['E05001272'], outcome: 'new' },
      ],
    });
    const areasNow = async () => ((await (await testApp.app.request('/api/staff/geography', { headers })).json()) as { areas: { name: string; kind: string }[] }).areas.filter((a) => a.kind === 'impact-area').map((a) => a.name).sort();
    expect(await areasNow()).toEqual(['Smethwick Preview', 'Tipton Preview']);

    const npt = await importThroughApi('areas', 'npt.csv', 'area_name,ward_code\nSoho NPT,E05001278\n', { areaKind: 'npt' });
    expect(npt.status).toBe('succeeded');
    expect(await areasNow()).toEqual(['Smethwick Preview', 'Tipton Preview']);

    const started = await testApp.app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    expect(started.status).toBe(202);
    await testApp.jobs.idle();
    expect(await areasNow()).toEqual(['Oldbury Preview', 'Smethwick Preview']);
  });

  it('refuses a preview of an import that is not of areas', async () => {
    const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const created = await testApp.app.request('/api/staff/admin/imports', { method: 'POST', headers, body: JSON.stringify({ kind: 'boundaries', fileName: 'wards.geojson', fileBytes: 10 }) });
    const { job } = (await created.json()) as { job: { id: string } };

    const preview = await testApp.app.request(`/api/staff/admin/imports/${job.id}/preview`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });

    expect(preview.status).toBe(422);
    expect(((await preview.json()) as { error: { code: string } }).error.code).toBe('import.no_preview');
  });

  it('validates the import request itself: unknown kind and oversize files are 422', async () => {
    const response = await testApp.app.request('/api/staff/admin/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'shapefile', fileName: 'x.shp', fileBytes: 5 * 1024 ** 3 }),
    });

    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['json.kind', 'json.fileBytes']));
  });
});
