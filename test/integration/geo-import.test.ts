/**
 * The geography import pipeline against DynamoDB Local with the real ONS files: boundaries,
 * postcode lookups (NSPL and an ONSPD-layout fixture), areas, vintage mismatches and bad files.
 */
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ImportProgress } from '@wardpulse/domain';
import type { Repositories } from '@wardpulse/data';
import { importAreas, importBoundaries, importPostcodes } from '@wardpulse/functions/geo-import';
import { freshRepositories, GEOGRAPHY, POSTCODES, readGeoJson, readLookupRows, snapshot, tally } from '../support/geo-data.ts';

const WMP_WARDS = 'wards_wd25_wmp.geojson';
const SANDWELL_LOOKUP = 'nspl_aug2024_pc_ward_sandwell_E08000028.csv';
const CALDERDALE_LOOKUP = 'nspl_aug2024_pc_ward_calderdale_E08000033.csv';
const ALL12_LOOKUP = 'nspl_aug2024_pc_ward_wmp_wyp_all12.csv.gz';
const actor = 'geo-test';
const sandwell = readLookupRows(SANDWELL_LOOKUP);
const [PCDS, LAD, WARD] = [0, 1, 2];

async function importWmpBoundaries(repositories: Repositories) {
  return importBoundaries(repositories, readFileSync(`${GEOGRAPHY}${WMP_WARDS}`, 'utf8'), { source: WMP_WARDS, actor });
}

function importFile(repositories: Repositories, fileName: string, extra: { onProgress?: (p: ImportProgress) => void } = {}) {
  return importPostcodes({ repositories, open: () => createReadStream(`${POSTCODES}${fileName}`), fileName, options: {}, actor, ...extra });
}

function importText(repositories: Repositories, fileName: string, content: string | Buffer) {
  return importPostcodes({ repositories, open: () => Readable.from([Buffer.from(content)]), fileName, options: {}, actor });
}

async function importFailure(run: Promise<unknown>): Promise<ImportFileError> {
  const error = await run.then(
    () => new Error('expected the import to fail'),
    (thrown: unknown) => thrown,
  );
  if (error instanceof ImportFileError) return error;
  throw error;
}

describe('boundary import', () => {
  it('imports the West Midlands wards with the districts and ward counts of the file, as the live vintage with a map', async () => {
    const { repositories } = await freshRepositories();
    const source = readGeoJson(WMP_WARDS);
    const expectedPerDistrict = Object.fromEntries(tally(source.features.map((f) => f.properties.LAD25NM!)));

    const report = await importWmpBoundaries(repositories);

    expect(report).toMatchObject({ vintage: '2025-05', wards: source.features.length, districts: Object.keys(expectedPerDistrict).length, wardsPerDistrict: expectedPerDistrict });
    expect(report.wards).toBe(192);
    expect(report.districts).toBe(7);
    expect(await repositories.geography.currentVintage()).toBe('2025-05');
    const wards = await repositories.geography.listWards('2025-05');
    expect(wards.map((w) => w.code).sort()).toEqual(source.features.map((f) => f.properties.WD25CD).sort());
    const districts = await repositories.geography.listDistricts('2025-05');
    expect(Object.fromEntries(districts.map((d) => [d.name, d.wardCount]))).toEqual(expectedPerDistrict);
    const abbey = source.features.find((f) => f.properties.WD25CD === 'E05001260')!;
    expect(await repositories.geography.getWard('E05001260')).toMatchObject({ name: abbey.properties.WD25NM, districtName: 'Sandwell', vintage: '2025-05' });
    const map = JSON.parse((await repositories.geography.getMap('2025-05'))!) as { type: string; objects: { wards: { geometries: { id: string }[] } } };
    expect(map.type).toBe('Topology');
    expect(map.objects.wards.geometries).toHaveLength(192);
    expect((await repositories.geography.getBoundarySet('2025-05'))?.mapBytes).toBe(report.mapBytes);
    // The phone budget: the whole force's map in a few tens of KB gzipped.
    expect(report.mapGzipBytes).toBeLessThan(40 * 1024);
  });

  it.each([
    ['text that is not JSON', () => '{"type":"FeatureCollection","features":[', 'boundaries.not_json'],
    [
      'GeoJSON without ward properties',
      () => {
        const file = readGeoJson('wards_wd25_E08000028.geojson');
        for (const f of file.features) f.properties = { OBJECTID: '1', NAME: f.properties.WD25NM! };
        return JSON.stringify(file);
      },
      'boundaries.no_ward_properties',
    ],
    [
      'a file mixing British National Grid and longitude/latitude',
      () => {
        const file = readGeoJson('wards_wd25_E08000028.geojson');
        // Roughly where Sandwell is in eastings/northings, in every other ward: neither CRS fits the whole file.
        const toBng = (rings: [number, number][][]) => rings.map((ring) => ring.map(([lon, lat]) => [Math.round(400_000 + (lon + 2) * 68_000), Math.round(290_000 + (lat - 52.5) * 111_000)]));
        for (const [i, f] of file.features.entries()) if (i % 2) f.geometry.coordinates = toBng(f.geometry.coordinates as [number, number][][]);
        return JSON.stringify(file);
      },
      'boundaries.wrong_crs',
    ],
  ])('refuses %s and leaves the stored boundaries as they were', async (_name, build, code) => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const before = await snapshot(client, tableName);

    const error = await importFailure(importBoundaries(repositories, build(), { source: 'bad.geojson', actor }));

    expect(error.code).toBe(code);
    expect(await snapshot(client, tableName)).toEqual(before);
  });
});

describe('postcode import', () => {
  it('keeps every Sandwell row, resolves postcodes to their wards and offers partial-postcode candidates with the file’s counts', { timeout: 120_000 }, async () => {
    const { repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const progress: ImportProgress[] = [];

    const report = await importFile(repositories, SANDWELL_LOOKUP, { onProgress: (p) => progress.push(p) });

    expect(report).toMatchObject({
      lookupVintage: '2024-08',
      boundaryVintage: '2025-05',
      rowsRead: sandwell.rows.length,
      rowsKept: sandwell.rows.length,
      rowsOutsideForce: 0,
      rowsInvalid: 0,
      terminatedKept: 0,
      wardCodesNotInBoundaries: [],
      rowsByDistrict: [{ code: 'E08000028', name: 'Sandwell', rows: sandwell.rows.length }],
    });
    expect(report.rowsKept).toBe(9_553);
    const wardNames = new Map(readGeoJson(WMP_WARDS).features.map((f) => [f.properties.WD25CD!, f.properties.WD25NM!]));
    const n = sandwell.rows.length;
    for (const row of [sandwell.rows[0]!, sandwell.rows[Math.floor(n / 3)]!, sandwell.rows[Math.floor((2 * n) / 3)]!, sandwell.rows[n - 1]!]) {
      expect(await repositories.geography.getPostcode(row[PCDS]!)).toEqual({
        postcode: row[PCDS],
        wardCode: row[WARD],
        wardName: wardNames.get(row[WARD]!),
        districtCode: 'E08000028',
        districtName: 'Sandwell',
        vintage: '2025-05',
        lookupVintage: '2024-08',
        terminated: false,
        inBoundaryVintage: true,
      });
    }
    for (const partial of ['B66', 'B66 1']) {
      const inFile = sandwell.rows.filter((row) => {
        const [outward = '', inward = ''] = row[PCDS]!.split(' ');
        return partial.includes(' ') ? `${outward} ${inward[0]}` === partial : outward === partial;
      });
      const candidates = await repositories.geography.getCandidates(partial);
      expect(Object.fromEntries(candidates.map((c) => [c.wardCode, c.postcodes]))).toEqual(Object.fromEntries(tally(inFile.map((row) => row[WARD]!))));
      expect(candidates.reduce((sum, c) => sum + c.postcodes, 0)).toBe(inFile.length);
      expect(candidates[0]?.wardName).toBe(wardNames.get(candidates[0]!.wardCode));
    }
    expect(progress[0]).toMatchObject({ phase: 'reading', rowsRead: 0 });
    expect(progress.some((p) => p.phase === 'writing')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rowsRead: n, rowsKept: n });
    expect(progress.filter((p) => p.phase === 'reading').at(-1)).toMatchObject({ rowsRead: n, rowsKept: n, bytesRead: readFileSync(`${POSTCODES}${SANDWELL_LOOKUP}`).length });
  });

  it('changes nothing when the same lookup is imported again', { timeout: 120_000 }, async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const first = await importFile(repositories, SANDWELL_LOOKUP);
    const before = await snapshot(client, tableName);

    const second = await importFile(repositories, SANDWELL_LOOKUP);

    expect({ ...second, seconds: 0 }).toEqual({ ...first, seconds: 0 });
    const after = await snapshot(client, tableName);
    expect(after).toHaveLength(before.length);
    expect(after).toEqual(before);
  });

  it('refuses a lookup for another force’s district, says which districts it covers, and stores nothing', async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const before = await snapshot(client, tableName);

    const error = await importFailure(importFile(repositories, CALDERDALE_LOOKUP));

    expect(error.code).toBe('postcodes.no_matching_rows');
    expect(error.message).toContain('E08000033: 9,633 rows');
    expect(error.message).toContain('Sandwell (E08000028)');
    expect(await snapshot(client, tableName)).toEqual(before);
  });

  it('refuses a truncated gzip file after reading it and stores nothing', async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const before = await snapshot(client, tableName);
    const gz = readFileSync(`${POSTCODES}${ALL12_LOOKUP}`);

    const error = await importFailure(importText(repositories, ALL12_LOOKUP, gz.subarray(0, Math.floor(gz.length * 0.6))));

    expect(error.code).toBe('postcodes.bad_gzip');
    expect(error.message).toContain('ends part-way through');
    expect(await snapshot(client, tableName)).toEqual(before);
  });

  it('refuses a lookup without a ward column, naming the header it found, and stores nothing', async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const before = await snapshot(client, tableName);
    const withoutWard = [sandwell.header, ...sandwell.rows].map((fields) => fields.filter((_, index) => index !== WARD).join(',')).join('\n');

    const error = await importFailure(importText(repositories, SANDWELL_LOOKUP, withoutWard));

    expect(error.code).toBe('postcodes.missing_columns');
    expect(error.message).toContain('Found: pcds, lad_code, lsoa21_code');
    expect(error.message).toContain('ward column');
    expect(await snapshot(client, tableName)).toEqual(before);
  });

  it('refuses a file that is not CSV and stores nothing', async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const before = await snapshot(client, tableName);

    const error = await importFailure(importText(repositories, 'nspl_aug2024_sandwell.csv', readFileSync(`${GEOGRAPHY}wards_wd25_E08000028.geojson`)));

    expect(error.code).toBe('postcodes.not_csv');
    expect(await snapshot(client, tableName)).toEqual(before);
  });

  it('asks for the boundaries first', async () => {
    const { repositories } = await freshRepositories();

    const error = await importFailure(importFile(repositories, SANDWELL_LOOKUP));

    expect(error.code).toBe('postcodes.no_boundaries');
  });

  it('keeps terminated postcodes of an ONSPD-layout file and flags them', async () => {
    const { repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    const header = readFileSync(`${POSTCODES}onspd_nov2025_schema_sample.csv`, 'utf8').split(/\r?\n/)[0]!.split(',');
    const picked = [sandwell.rows[0]!, sandwell.rows[1]!, sandwell.rows[2]!, sandwell.rows[3]!];
    const terminated = new Set([picked[1]![PCDS], picked[3]![PCDS]]);
    const line = (row: string[]) => {
      const [outward = '', inward = ''] = row[PCDS]!.split(' ');
      const values: Record<string, string> = {
        pcd7: `${outward.padEnd(4)}${inward}`,
        pcd8: `${outward.padEnd(5)}${inward}`,
        pcds: row[PCDS]!,
        dointr: '199801',
        doterm: terminated.has(row[PCDS]!) ? '202106' : '',
        lad25cd: row[LAD]!,
        wd25cd: row[WARD]!,
      };
      return header.map((column) => values[column] ?? '').join(',');
    };
    const elsewhere = [...header.map((column) => ({ pcds: 'HX1 1AA', pcd7: 'HX1 1AA', lad25cd: 'E08000033', wd25cd: 'E05001225' })[column] ?? '')].join(',');
    const path = join(mkdtempSync(join(tmpdir(), 'wardpulse-onspd-')), 'ONSPD_NOV_2025_UK.csv');
    writeFileSync(path, [header.join(','), ...picked.map(line), elsewhere].join('\r\n') + '\r\n');

    const report = await importPostcodes({ repositories, open: () => createReadStream(path), fileName: 'ONSPD_NOV_2025_UK.csv', options: {}, actor });

    expect(report).toMatchObject({ lookupVintage: '2025-05', rowsRead: 5, rowsKept: 4, rowsOutsideForce: 1, terminatedKept: 2, columns: { postcode: 'pcds', ward: 'wd25cd', district: 'lad25cd', terminated: 'doterm' } });
    for (const row of picked) {
      expect(await repositories.geography.getPostcode(row[PCDS]!)).toMatchObject({ wardCode: row[WARD], terminated: terminated.has(row[PCDS]!), inBoundaryVintage: true });
    }
  });

  it('reports the ward codes of a 2024 lookup that are not in 2026 boundaries, keeps those rows and marks them', { timeout: 120_000 }, async () => {
    const { repositories } = await freshRepositories();
    // May 2026 boundaries for Sandwell: the 2025 shapes under the May 2026 codes of the wards
    // whose names match (after "and"/"with" became "&"), as a boundary review would publish them.
    const history = parse(readFileSync(`${GEOGRAPHY}ward_codes_history_wmp_wyp_2016-2026.csv`, 'utf8'), { columns: true }) as Record<string, string>[];
    const canonical = (name: string) => name.toLowerCase().replace(/ (and|with) /g, ' & ');
    const codes2026 = new Map(history.filter((row) => row.SOURCEFILE === '2026' && row.LADCD === 'E08000028').map((row) => [canonical(row.WDNM!), row]));
    const sandwell2025 = readGeoJson('wards_wd25_E08000028.geojson');
    const features = sandwell2025.features.flatMap((f) => {
      const match = codes2026.get(canonical(f.properties.WD25NM!));
      return match ? [{ ...f, properties: { WD26CD: match.WDCD!, WD26NM: match.WDNM!, LAD26CD: match.LADCD!, LAD26NM: match.LADNM! } }] : [];
    });
    expect(features.length).toBeGreaterThanOrEqual(15);
    await importBoundaries(repositories, JSON.stringify({ type: 'FeatureCollection', features }), { source: 'wards_wd26_E08000028 (test)', actor });

    const report = await importFile(repositories, SANDWELL_LOOKUP);

    const expected = [...tally(sandwell.rows.map((row) => row[WARD]!))].map(([wardCode, rows]) => ({ wardCode, rows }));
    expect(report.boundaryVintage).toBe('2026-05');
    expect(report.rowsKept).toBe(sandwell.rows.length);
    expect(new Set(report.wardCodesNotInBoundaries.map((w) => w.wardCode))).toEqual(new Set(expected.map((w) => w.wardCode)));
    expect(report.wardCodesNotInBoundaries).toEqual(expect.arrayContaining(expected));
    const row = sandwell.rows[100]!;
    expect(await repositories.geography.getPostcode(row[PCDS]!)).toEqual({
      postcode: row[PCDS],
      wardCode: row[WARD],
      districtCode: 'E08000028',
      lookupVintage: '2024-08',
      terminated: false,
      inBoundaryVintage: false,
    });
  });
});

describe('area import', () => {
  it('imports Impact Areas as sets of live wards', async () => {
    const { repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);

    const report = await importAreas(repositories, 'Area_Name,Ward_Code\nSmethwick,E05001278\nTipton & Oldbury,E05001279\nTipton & Oldbury,E05001272\n', { kind: 'impact-area', actor });

    expect(report.areas).toEqual([
      { id: 'smethwick', name: 'Smethwick', wards: 1 },
      { id: 'tipton-and-oldbury', name: 'Tipton & Oldbury', wards: 2 },
    ]);
    expect((await repositories.geography.listAreas('2025-05', 'impact-area')).map((a) => [a.id, a.wardCodes])).toEqual([
      ['smethwick', ['E05001278']],
      ['tipton-and-oldbury', ['E05001272', 'E05001279']],
    ]);
  });

  it('refuses an areas file with an unknown ward, naming the line, and keeps the existing areas', async () => {
    const { client, tableName, repositories } = await freshRepositories();
    await importWmpBoundaries(repositories);
    await importAreas(repositories, 'area_name,ward_code\nSmethwick,E05001278\n', { kind: 'impact-area', actor });
    const before = await snapshot(client, tableName);

    const error = await importFailure(importAreas(repositories, 'area_name,ward_code\nOldbury,E05001272\nNowhere,E05999999\n', { kind: 'impact-area', actor }));

    expect(error.code).toBe('areas.unknown_wards');
    expect(error.message).toContain('E05999999 (line 3)');
    expect(await snapshot(client, tableName)).toEqual(before);
  });
});
