import { describe, expect, it } from 'vitest';
import type { DisclosureSystem } from '@wardpulse/analytics/results';
import { solve } from './solve-cache.ts';

const T = 10;

describe('the remembered disclosure solve', () => {
  it('answers a repeated solve from its remembered decisions without sharing them, and solves afresh when a count changes', async () => {
    const system = (small: number): DisclosureSystem => ({
      cells: new Map([
        ['a|n', small],
        ['b|n', 30],
        ['t|n', small + 30],
      ]),
      constraints: [{ total: 't|n', parts: ['a|n', 'b|n'] }],
      contains: new Map(),
      forced: new Map(),
    });

    const first = await solve(system(4), T);
    first.set('b|n', 'primary');
    const again = await solve(system(4), T);
    const larger = await solve(system(12), T);

    expect(again.get('a|n')).toBe('primary');
    expect(again.has('b|n') || again.has('t|n')).toBe(true);
    expect(again.get('b|n')).not.toBe('primary');
    expect(larger.size).toBe(0);
  });
});
