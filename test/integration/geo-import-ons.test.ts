/**
 * ONS downloads as ONS publishes them (issue 13), against DynamoDB Local:
 * - "Wards (May yyyy) Boundaries UK": only WDyyCD/WDyyNM (and WDyyNMW, BNG_E, BNG_N, LONG, LAT,
 *   GlobalID), wards of other districts too, with the separate "Ward to Local Authority District"
 *   lookup CSV; in WGS84 and in British National Grid; and a UK-sized file for memory.
 * - NSPL as a ZIP: the whole-UK CSV under Data/ and the same rows split by area in
 *   Data/multi_csv/, with NSPL's `laua`/`ward` columns.
 * Fixtures are built here from ../shared/data (never copied into the repository).
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { strToU8, zipSync } from 'fflate';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '@wardpulse/domain';
import { importBoundaryFile, importPostcodes, parseWardLookup } from '@wardpulse/functions/geo-import';
import { createTestApp, createTestTable, dynamoEndpoint } from '../support/api.ts';
import { freshRepositories, GEOGRAPHY, POSTCODES, readGeoJson, type WardFeature } from '../support/geo-data.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

const actor = 'ons-test';
const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';
const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'wardpulse-ons-'));

/** The reference lookup: ward → district for every WMP and WYP ward. */
const reference = (parse(readFileSync(`${GEOGRAPHY}wd25_lad25_wmp_wyp.csv`, 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => ({
  ward: row.WD25CD!,
  wardName: row.WD25NM!,
  district: row.LAD25CD!,
  districtName: row.LAD25NM!,
}));
const wardsOf = (...districts: string[]) => reference.filter((row) => districts.includes(row.district)).map((row) => row.ward).sort();

/** West Midlands and West Yorkshire wards with ONS's boundary-download properties: no district. */
function onsBoundaries(transform?: (feature: WardFeature) => void, crs?: string): string {
  const features = [...readGeoJson('wards_wd25_wmp.geojson').features, ...readGeoJson('wards_wd25_wyp.geojson').features].map((feature, i) => {
    const { WD25CD, WD25NM } = feature.properties as Record<string, string>;
    const copy = { type: 'Feature', properties: { FID: i + 1, WD25CD, WD25NM, WD25NMW: ' ', BNG_E: 400_000 + i, BNG_N: 290_000 + i, LONG: -2, LAT: 52.5, GlobalID: `{${String(i).padStart(8, '0')}-0000-4000-8000-000000000000}` }, geometry: feature.geometry };
    transform?.(copy as unknown as WardFeature);
    return copy;
  });
  return JSON.stringify({ type: 'FeatureCollection', name: 'Wards_May_2025_Boundaries_UK_BGC', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features });
}

/** The ONS "Ward to Local Authority District (May 2025) Lookup in the UK" layout. */
const onsLookup = () => ['WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId', ...reference.map((row, i) => `${row.ward},"${row.wardName}",,${row.district},${row.districtName},,${i + 1}`)].join('\r\n');

async function failure(run: Promise<unknown>): Promise<ImportFileError> {
  const error = await run.then(
    () => new Error('expected the import to fail'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('ONS ward boundaries with the ward to district lookup', () => {
  let issuer: TestIssuer;
  let testApp: ReturnType<typeof createTestApp>;
  let headers: Record<string, string>;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    testApp = createTestApp({ issuer, tableName: await createTestTable() });
    headers = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ons-admin' })}`, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await issuer.stop();
  });

  it('imports the force’s districts from a boundary file with only WD25CD/WD25NM and the lookup, through the import job', async () => {
    const { app, files, jobs, repositories } = testApp;
    const boundaries = onsBoundaries();
    const lookup = onsLookup();
    const body = { kind: 'boundaries', fileName: 'Wards_May_2025_Boundaries_UK_BGC.geojson', fileBytes: Buffer.byteLength(boundaries), options: { lookupFile: { fileName: 'WD25_LAD25_UK_LU.csv', fileBytes: Buffer.byteLength(lookup) }, districts: [SANDWELL, DUDLEY] } };
    const created = await app.request('/api/staff/admin/imports', { method: 'POST', headers, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const { job, lookupUpload } = (await created.json()) as { job: { id: string }; lookupUpload?: { url: string } };
    expect(lookupUpload?.url).toBe(`/api/staff/admin/imports/${job.id}-lookup/file`);
    await files.write(`imports/${job.id}`, Readable.toWeb(Readable.from([boundaries])) as never, 10 * 1024 ** 2);
    // Not yet: the lookup has not been uploaded.
    const early = await app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('import.no_lookup_file');
    await files.write(`imports/${job.id}-lookup`, Readable.toWeb(Readable.from([lookup])) as never, 10 * 1024 ** 2);
    expect((await app.request(`/api/staff/admin/imports/${job.id}/start`, { method: 'POST', headers })).status).toBe(202);
    await jobs.idle();

    const done = (await (await app.request(`/api/staff/admin/imports/${job.id}`, { headers })).json()) as { status: string; report: Record<string, unknown>; error?: unknown };
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({ status: 'succeeded', report: { vintage: '2025-05', wards: 48, districts: 2, featuresRead: reference.length, wardsOutsideDistricts: reference.length - 48, lookupFile: 'WD25_LAD25_UK_LU.csv', wardsPerDistrict: { Dudley: 24, Sandwell: 24 } } });
    const vintage = (await repositories.geography.currentVintage())!;
    const wards = await repositories.geography.listWards(vintage);
    expect(wards.map((w) => w.code).sort()).toEqual(wardsOf(SANDWELL, DUDLEY));
    expect(wards.find((w) => w.code === reference.find((r) => r.district === SANDWELL)!.ward)).toMatchObject({ districtCode: SANDWELL, districtName: 'Sandwell' });
  });

  it('says to add the lookup when the boundary file has no district, and stores nothing', async () => {
    const { repositories } = await freshRepositories();
    const error = await failure(importBoundaryFile(repositories, Readable.from([onsBoundaries()]), { source: 'wards.geojson', actor }));

    expect(error.code).toBe('boundaries.no_ward_properties');
    expect(error.message).toContain('Ward to Local Authority District (May 2025) Lookup');
    expect(await repositories.geography.currentVintage()).toBeNull();
  });

  it('names districts that are not in the file, and a lookup of another May', async () => {
    const { repositories } = await freshRepositories();
    const lookup = parseWardLookup(onsLookup(), 'WD25_LAD25_UK_LU.csv');
    const unknown = await failure(importBoundaryFile(repositories, Readable.from([onsBoundaries()]), { source: 'w.geojson', actor, lookup, districts: ['E06000001'] }));
    const otherYear = parseWardLookup(onsLookup().replace(/WD25/g, 'WD24').replace(/LAD25/g, 'LAD24'), 'WD24_LAD24_UK_LU.csv');
    const mismatch = await failure(importBoundaryFile(repositories, Readable.from([onsBoundaries()]), { source: 'w.geojson', actor, lookup: otherYear, districts: [SANDWELL] }));

    expect(unknown.code).toBe('boundaries.unknown_district');
    expect(unknown.message).toMatch(/E06000001.*Sandwell \(E08000028\)/);
    expect(mismatch.code).toBe('boundaries.lookup_vintage');
  });

  it('reprojects a file in British National Grid (EPSG:27700): every ward lands within 25 m of the WGS84 import', async () => {
    const bng = proj4('+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs');
    const toBng = (feature: WardFeature) => {
      const geometry = feature.geometry as { type: string; coordinates: unknown };
      const project = (value: unknown): unknown => (typeof (value as number[])[0] === 'number' ? bng.forward(value as [number, number]).map((v) => Math.round(v * 10) / 10) : (value as unknown[]).map(project));
      geometry.coordinates = project(geometry.coordinates);
    };
    const lookup = parseWardLookup(onsLookup(), 'lookup.csv');
    const wgs = await freshRepositories();
    const grid = await freshRepositories();
    await importBoundaryFile(wgs.repositories, Readable.from([onsBoundaries()]), { source: 'wgs84.geojson', actor, lookup, districts: [SANDWELL] });
    const report = await importBoundaryFile(grid.repositories, Readable.from([onsBoundaries(toBng, 'urn:ogc:def:crs:EPSG::27700')]), { source: 'bng.geojson', actor, lookup, districts: [SANDWELL] });

    expect(report).toMatchObject({ wards: 24, reprojectedFrom: 'EPSG:27700' });
    const [a, b] = await Promise.all([wgs, grid].map(async ({ repositories }) => repositories.geography.listWards((await repositories.geography.currentVintage())!)));
    const metres = ([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]) => Math.hypot((lat1 - lat2) * 111_200, (lon1 - lon2) * 111_200 * Math.cos((lat1 * Math.PI) / 180));
    for (const ward of a!) expect(metres(ward.centroid!, b!.find((w) => w.code === ward.code)!.centroid!), ward.name).toBeLessThan(25);
  });

  it('streams a UK-sized boundary file, keeping one district, with memory growth well under the file size', async () => {
    // ~9,000 wards of ~900 positions each (~170 MB), the force's 24 among them.
    const path = join(dir, 'Wards_May_2025_Boundaries_UK_BFC.geojson');
    const out = createWriteStream(path);
    const sandwell = readGeoJson('wards_wd25_E08000028.geojson').features;
    const lookupRows = ['WD25CD,WD25NM,LAD25CD,LAD25NM'];
    out.write('{"type":"FeatureCollection","name":"Wards_May_2025_Boundaries_UK_BFC","features":[');
    const WARDS = 9_000;
    const HEAP_MB = 72;
    for (let i = 0; i < WARDS; i++) {
      const own = i % 375 === 0 && i / 375 < sandwell.length ? sandwell[i / 375]! : undefined;
      const code = own ? (own.properties as Record<string, string>).WD25CD! : `E0590${String(i).padStart(4, '0')}`;
      const district = own ? SANDWELL : `E0600${String(1 + (i % 300)).padStart(4, '0')}`;
      lookupRows.push(`${code},Ward ${i},${district},District ${district}`);
      // A fine ring (as in the full-resolution file): 900 positions around a small circle.
      const lon = -5 + (i % 100) * 0.05;
      const lat = 50 + Math.floor(i / 100) * 0.05;
      const ring = Array.from({ length: 900 }, (_, k) => [Number((lon + 0.02 * Math.cos((2 * Math.PI * k) / 900)).toFixed(6)), Number((lat + 0.02 * Math.sin((2 * Math.PI * k) / 900)).toFixed(6))]);
      ring.push(ring[0]!);
      const geometry = own ? own.geometry : { type: 'Polygon', coordinates: [ring] };
      const ok = out.write(`${i ? ',' : ''}${JSON.stringify({ type: 'Feature', properties: { FID: i + 1, WD25CD: code, WD25NM: own ? (own.properties as Record<string, string>).WD25NM : `Ward ${i}`, WD25NMW: ' ', GlobalID: `g${i}` }, geometry })}`);
      if (!ok) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end(']}');
    await finished(out);
    const lookupPath = join(dir, 'WD25_LAD25_UK_LU.csv');
    writeFileSync(lookupPath, lookupRows.join('\n'));
    const { tableName, repositories } = await freshRepositories();

    // In a process of its own, so that its peak RSS is the import's and not this worker's garbage,
    // with a heap far smaller than the file: reading the file whole (or building every ward's
    // geometry) cannot finish in it, however lazily the collector runs.
    const { stdout } = await run(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', 'test/support/boundary-import-child.ts', dynamoEndpoint(), tableName, path, lookupPath, SANDWELL], { cwd: ROOT, maxBuffer: 16 * 2 ** 20 });
    const measured = JSON.parse(stdout.trim().split('\n').at(-1)!) as { report: Record<string, unknown>; bytes: number; seconds: number; rssBefore: number; rssPeak: number };
    const { bytes, seconds } = measured;
    const growth = measured.rssPeak - measured.rssBefore;
    console.log(`UK-sized boundaries: ${(bytes / 2 ** 20).toFixed(0)} MB, ${WARDS} wards in ${seconds.toFixed(1)} s (${Math.round(WARDS / seconds)} wards/s, ${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s); peak RSS growth ${(growth / 2 ** 20).toFixed(0)} MB (${((100 * growth) / bytes).toFixed(0)} % of the file)`);

    expect(measured.report).toMatchObject({ wards: 24, districts: 1, featuresRead: WARDS, wardsOutsideDistricts: WARDS - 24 });
    expect((await repositories.geography.listWards((await repositories.geography.currentVintage())!)).map((ward) => ward.code).sort()).toEqual(wardsOf(SANDWELL));
    expect(bytes).toBeGreaterThan(150 * 2 ** 20);
    expect(bytes).toBeGreaterThan(2 * HEAP_MB * 2 ** 20);
    // Resident memory stays well under the file size (the heap cap bounds it; RSS adds code and buffers).
    expect(growth).toBeLessThan(bytes / 2);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------

/** NSPL's columns (August 2024 layout, shortened to those that matter here plus a few others). */
const NSPL_HEADER = 'pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa21,cty,ced,laua,ward,hlthau,nhser,ctry,rgn,pcon,ttwa,itl,park,lsoa21,msoa21,wz11,sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,icb';

/** Up to 2,000 postcodes of each postcode area of West Midlands and West Yorkshire, in NSPL's layout. */
function nsplRows() {
  const text = gunzipSync(readFileSync(`${POSTCODES}nspl_aug2024_pc_ward_wmp_wyp_all12.csv.gz`)).toString('utf8');
  const perArea = new Map<string, number>();
  const sample = (parse(text, { from_line: 2 }) as string[][]).filter(([pcds = '']) => {
    const area = /^[A-Z]+/.exec(pcds)![0];
    perArea.set(area, (perArea.get(area) ?? 0) + 1);
    return perArea.get(area)! <= 2_000;
  });
  return sample.map(([pcds = '', lad = '', ward = '', lsoa = '']) => {
    const [outward = '', inward = ''] = pcds.split(' ');
    return { pcds, area: /^[A-Z]+/.exec(outward)![0], line: `${`${outward.padEnd(4)}${inward}`},${outward.padEnd(5)}${inward},${pcds},198001,,0,400000,290000,1,E00000000,E99999999,E99999999,${lad},${ward},E18000005,E40000008,E92000001,E12000005,E14000000,E30000000,E06000000,E99999999,${lsoa},E02000000,E33000000,E38000000,E63000000,A1,1A1,52.5,-2.0,E37000000,,E23000000,1,E54000000` };
  });
}

function nsplZip(layout: 'whole first' | 'parts first' | 'parts only') {
  const rows = nsplRows();
  const whole = strToU8(`${NSPL_HEADER}\r\n${rows.map((r) => r.line).join('\r\n')}\r\n`);
  const areas = [...new Set(rows.map((r) => r.area))];
  // The last part has no final newline: the next part's first row must not join it.
  const parts = Object.fromEntries(areas.map((area, i) => [`Data/multi_csv/NSPL_AUG_2024_UK_${area}.csv`, strToU8(`${NSPL_HEADER}\r\n${rows.filter((r) => r.area === area).map((r) => r.line).join('\r\n')}${i % 2 ? '\r\n' : ''}`)]));
  const documents = { 'Documents/LA_UA names and codes UK as at 04_24.csv': strToU8('LAD24CD,LAD24NM\nE08000028,Sandwell\n'), 'User Guide/NSPL User Guide Aug 2024.txt': strToU8('not a pdf') };
  const entries = layout === 'whole first' ? { 'Data/NSPL_AUG_2024_UK.csv': whole, ...parts, ...documents } : layout === 'parts first' ? { ...documents, ...parts, 'Data/NSPL_AUG_2024_UK.csv': whole } : { ...documents, ...parts };
  return { zip: zipSync(entries, { level: 6 }), rows, areas };
}

describe('ONS postcode lookup as a ZIP', () => {
  it.each(['whole first', 'parts first', 'parts only'] as const)('imports an NSPL ZIP (%s), counting every postcode once', async (layout) => {
    const { repositories } = await freshRepositories();
    await importBoundaryFile(repositories, createReadStream(`${GEOGRAPHY}wards_wd25_wmp.geojson`), { source: 'wmp.geojson', actor });
    const { zip, rows } = nsplZip(layout);
    const path = join(dir, `NSPL_AUG_2024_UK-${layout.replace(/ /g, '-')}.zip`);
    writeFileSync(path, zip);

    global.gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const report = await importPostcodes({ repositories, open: () => createReadStream(path), fileName: 'NSPL_AUG_2024_UK.zip', totalBytes: zip.length, options: {}, actor });
    clearInterval(sampler);
    console.log(`NSPL ZIP (${layout}): ${(zip.length / 2 ** 20).toFixed(1)} MB, ${report.rowsRead} rows in ${report.seconds.toFixed(1)} s (${Math.round(report.rowsRead / report.seconds)} rows/s over both passes); peak RSS growth ${((peak - before) / 2 ** 20).toFixed(0)} MB`);

    const wmp = new Set(readGeoJson('wards_wd25_wmp.geojson').features.map((f) => (f.properties as Record<string, string>).LAD25CD));
    expect(report.columns).toEqual({ postcode: 'pcds', ward: 'ward', district: 'laua', terminated: 'doterm' });
    expect(report.rowsRead).toBe(rows.length);
    expect(report.rowsKept).toBe(rows.filter((r) => wmp.has(r.line.split(',')[12])).length);
    expect(report.lookupVintage).toBe('2024-08');
    const sample = rows.find((r) => wmp.has(r.line.split(',')[12]))!;
    expect(await repositories.geography.getPostcode(sample.pcds)).toMatchObject({ postcode: sample.pcds });
  }, 120_000);

  it('refuses a ZIP without a lookup CSV, saying what it holds, and stores nothing', async () => {
    const { repositories } = await freshRepositories();
    await importBoundaryFile(repositories, createReadStream(`${GEOGRAPHY}wards_wd25_wmp.geojson`), { source: 'wmp.geojson', actor });
    const zip = zipSync({ 'Documents/LA_UA names and codes UK as at 04_24.csv': strToU8('LAD24CD,LAD24NM\n'), 'User Guide/guide.txt': strToU8('x') });

    const error = await failure(importPostcodes({ repositories, open: () => Readable.from([Buffer.from(zip)]), fileName: 'NSPL.zip', options: {}, actor }));

    expect(error.code).toBe('postcodes.no_csv_in_zip');
    expect(error.message).toContain('Documents/LA_UA names and codes UK as at 04_24.csv');
  });
});
