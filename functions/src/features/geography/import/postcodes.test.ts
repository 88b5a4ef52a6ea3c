import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { isGzip, lookupVintageFromFileName } from './postcodes.ts';

describe('lookupVintageFromFileName', () => {
  it.each([
    ['nspl_aug2024_pc_ward_sandwell_E08000028.csv', '2024-08'],
    ['NSPL_AUG_2024_UK.csv.gz', '2024-08'],
    ['ONSPD_NOV_2025_UK.csv', '2025-11'],
    ['uploads/onspd-may-2026.csv', '2026-05'],
    ['NSPL21_FEB_2025_UK.csv', '2025-02'],
    ['postcodes_2024-08.csv', '2024-08'],
  ])('reads %s as %s', (fileName, vintage) => {
    expect(lookupVintageFromFileName(fileName)).toBe(vintage);
  });

  it.each(['postcodes.csv', 'E08000028.csv', 'nspl_2024.csv', 'lookup_202413.csv'])('finds no vintage in %s', (fileName) => {
    expect(lookupVintageFromFileName(fileName)).toBeUndefined();
  });
});

describe('isGzip', () => {
  it('recognises gzip by its magic number, not its name', () => {
    expect(isGzip(gzipSync('pcds,ward_code\n'))).toBe(true);
    expect(isGzip(Buffer.from('pcds,ward_code\n'))).toBe(false);
    expect(isGzip(Buffer.from([0x1f]))).toBe(false);
  });
});
