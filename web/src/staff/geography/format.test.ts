import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, percent, vintageFromFileName, vintageLabel } from './format.ts';

describe('console figures', () => {
  it('separates thousands the British way', () => {
    expect(formatCount(176512)).toBe('176,512');
  });

  it('sizes files in the unit a person reads easily', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(28_823)).toBe('28 KB');
    expect(formatBytes(363_857_000)).toBe('347 MB');
  });

  it('never shows 100 % before the work is complete', () => {
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(5, 0)).toBeUndefined();
  });

  it('names a vintage by its month', () => {
    expect(vintageLabel('2025-05')).toBe('May 2025');
    expect(vintageLabel('nonsense')).toBe('nonsense');
  });

  it('reads a postcode lookup’s month from the names ONS gives its files', () => {
    expect(vintageFromFileName('nspl_aug2024_pc_ward_sandwell_E08000028.csv')).toBe('2024-08');
    expect(vintageFromFileName('NSPL_AUG_2024_UK.csv')).toBe('2024-08');
    expect(vintageFromFileName('ONSPD_NOV_2025_UK.csv.gz')).toBe('2025-11');
    expect(vintageFromFileName('postcodes.csv')).toBeUndefined();
  });
});
