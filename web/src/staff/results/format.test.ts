import { describe, expect, it } from 'vitest';
import { cellStatus, describeMean, describeShare, formatInterval, formatP, formatPoints, formatShare, vintageText } from './format.ts';

describe('results figures', () => {
  it('writes shares as per cent with at most one decimal', () => {
    expect(formatShare(0.3456)).toBe('34.6%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0)).toBe('0%');
    expect(formatInterval(0.281, 0.4134)).toBe('28.1–41.3%');
  });

  it('says why a withheld share is withheld and never writes it as 0', () => {
    expect(describeShare({ status: 'suppressed', reason: 'primary' }, 10)).toBe('Withheld (fewer than 10)');
    expect(describeShare({ status: 'suppressed', reason: 'secondary' }, 10)).toBe('Withheld (to protect another figure)');
    expect(describeShare({ status: 'empty' }, 10)).toBe('No responses');
    expect(describeShare({ status: 'shown', count: 0, n: 40, share: 0, lower: 0, upper: 0.0876 }, 10)).toBe('0% (95% CI 0–8.8%)');
  });

  it('names each status for the table’s status column', () => {
    expect(cellStatus({ status: 'shown', n: 12 }, 5)).toEqual({ kind: 'shown', text: 'Shown' });
    expect(cellStatus({ status: 'suppressed', reason: 'primary' }, 5)).toEqual({ kind: 'withheld', reason: 'primary', text: 'Withheld (fewer than 5)' });
    expect(cellStatus(undefined, 5)).toEqual({ kind: 'empty', text: 'No responses' });
  });

  it('writes means with their interval, and negative scores with a minus sign', () => {
    expect(describeMean({ status: 'shown', n: 50, mean: 3.42, lower: 3.21, upper: 3.63 }, 10)).toBe('3.4 (95% CI 3.2 to 3.6)');
    expect(describeMean({ status: 'shown', n: 50, mean: -0.125, lower: -0.3, upper: 0.05 }, 10, 2)).toBe('−0.13 (95% CI −0.30 to 0.05)');
    expect(describeMean({ status: 'suppressed', reason: 'primary' }, 10)).toBe('Withheld (fewer than 10)');
  });

  it('writes changes in percentage points with their sign', () => {
    expect(formatPoints(0.052)).toBe('+5.2 pp');
    expect(formatPoints(-0.031)).toBe('−3.1 pp');
    expect(formatPoints(0.0001)).toBe('0.0 pp');
  });

  it('writes small p-values as below 0.001', () => {
    expect(formatP(0.00002)).toBe('< 0.001');
    expect(formatP(0.0456)).toBe('0.046');
  });

  it('names a boundary vintage by its month', () => {
    expect(vintageText('2025-05')).toBe('May 2025 (2025-05)');
    expect(vintageText('custom')).toBe('custom');
  });
});
