import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from './dates.ts';

describe('console dates', () => {
  it('writes a date and time the British way', () => {
    expect(formatDateTime('2026-12-02T14:05:00Z')).toBe('2 Dec 2026, 14:05');
    expect(formatDate('2026-12-02T14:05:00Z')).toBe('2 Dec 2026');
    expect(formatDate('2026-12-02T14:05:00Z', { month: 'long' })).toBe('2 December 2026');
    expect(formatTime('2026-12-02T14:05:09Z')).toBe('14:05');
    expect(formatTime('2026-12-02T14:05:09Z', { seconds: true })).toBe('14:05:09');
  });

  it('uses UK time, summer time included, whatever the machine’s time zone', () => {
    expect(formatDateTime('2026-07-01T13:05:00Z')).toBe('1 Jul 2026, 14:05');
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 Jul 2026');
    expect(formatDateTime(new Date(Date.UTC(2026, 11, 2, 0, 5)), { month: 'long' })).toBe('2 December 2026 at 00:05');
  });

  it('shows a text that is not a date as it is, never "Invalid Date"', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDate(Number.NaN)).toBe('');
  });
});
