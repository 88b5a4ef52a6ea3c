import { describe, expect, it } from 'vitest';
import { keys } from './keys.ts';

describe('keys.audit', () => {
  it('partitions audit events by month and sorts them by time', () => {
    const early = keys.audit('2026-11-01T09:00:00.000Z', 'a');
    const late = keys.audit('2026-11-30T09:00:00.000Z', 'b');

    expect(early.pk).toBe('AUDIT#2026-11');
    expect(late.pk).toBe(early.pk);
    expect(early.sk < late.sk).toBe(true);
  });
});
