/**
 * The largest shared lookup: 176,512 postcodes of the 12 West Midlands and West Yorkshire
 * districts, gzipped, imported against the West Midlands boundaries.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '@wardpulse/domain';
import { importBoundaries, importPostcodes } from '@wardpulse/functions/geo-import';
import { freshRepositories, GEOGRAPHY, POSTCODES, readGeoJson, readLookupRows } from '../support/geo-data.ts';

const LOOKUP = 'nspl_aug2024_pc_ward_wmp_wyp_all12.csv.gz';

describe('postcode import of all twelve districts', () => {
  it('streams the gzipped lookup and keeps exactly the West Midlands rows', { timeout: 300_000 }, async () => {
    const { repositories } = await freshRepositories();
    await importBoundaries(repositories, readFileSync(`${GEOGRAPHY}wards_wd25_wmp.geojson`, 'utf8'), { source: 'wards_wd25_wmp.geojson', actor: 'geo-test' });
    const wmp = readGeoJson('wards_wd25_wmp.geojson');
    const wmpDistricts = new Set(wmp.features.map((f) => f.properties.LAD25CD!));
    const { rows } = readLookupRows(LOOKUP);
    const kept = rows.filter((row) => wmpDistricts.has(row[1]!));
    const wardNames = new Map(wmp.features.map((f) => [f.properties.WD25CD!, f.properties.WD25NM!]));
    const totalBytes = statSync(`${POSTCODES}${LOOKUP}`).size;
    const progress: ImportProgress[] = [];

    const report = await importPostcodes({
      repositories,
      open: () => createReadStream(`${POSTCODES}${LOOKUP}`),
      fileName: LOOKUP,
      totalBytes,
      options: {},
      actor: 'geo-test',
      onProgress: (p) => progress.push(p),
    });

    expect(report.rowsRead).toBe(176_512);
    expect(report.rowsKept).toBe(kept.length);
    expect(report.rowsOutsideForce).toBe(176_512 - kept.length);
    expect(report.rowsByDistrict.map((d) => d.code).sort()).toEqual([...wmpDistricts].sort());
    expect(report.wardCodesNotInBoundaries).toEqual([]);
    // One postcode per West Midlands district, and one from West Yorkshire that was not kept.
    for (const code of wmpDistricts) {
      const row = kept.find((r) => r[1] === code)!;
      expect(await repositories.geography.getPostcode(row[0]!)).toMatchObject({ wardCode: row[2], wardName: wardNames.get(row[2]!), districtCode: code, inBoundaryVintage: true });
    }
    const leeds = rows.find((row) => row[1] === 'E08000035')!;
    expect(await repositories.geography.getPostcode(leeds[0]!)).toBeNull();
    // Progress counts compressed bytes, so it ends at the file's size.
    expect(progress.filter((p) => p.phase === 'reading').at(-1)).toMatchObject({ rowsRead: 176_512, bytesRead: totalBytes, totalBytes });
    const times = progress.filter((p) => p.phase === 'writing').length;
    expect(times).toBeLessThan(report.seconds * 2 + 10);
  });
});
