import { describe, expect, it } from 'vitest';
import { binFor, NO_RESPONSES, SEQUENTIAL, sequentialColours, shareBins } from './bins.ts';

describe('map classes', () => {
  it('covers every share with a few equal bins on round edges', () => {
    const bins = shareBins([0.12, 0.31, 0.44]);

    expect(bins.map((b) => [b.lower, b.upper])).toEqual([
      [0.1, 0.2],
      [0.2, 0.3],
      [0.3, 0.4],
      [0.4, 0.5],
    ]);
    expect(bins.map((b) => b.label)).toEqual(['10% to under 20%', '20% to under 30%', '30% to under 40%', '40% to 50%']);
  });

  it('narrows the bins when the shares are close together', () => {
    const bins = shareBins([0.301, 0.318, 0.342]);

    expect(bins[0]!.lower).toBe(0.3);
    expect(bins.at(-1)!.upper).toBeGreaterThanOrEqual(0.342);
    expect(bins.length).toBeLessThanOrEqual(5);
    expect(bins[1]!.lower - bins[0]!.lower).toBeCloseTo(0.01);
  });

  it('puts a share on an edge in the upper bin, and the maximum in the last bin', () => {
    const bins = shareBins([0.1, 0.5]);

    expect(binFor(0.2, bins)!.lower).toBe(0.2);
    expect(binFor(0.5, bins)).toBe(bins.at(-1));
    expect(binFor(0.05, bins)).toBeUndefined();
  });

  it('copes with one value, with 0 % and 100 %, and with none', () => {
    expect(shareBins([])).toEqual([]);
    expect(shareBins([1])).toHaveLength(1);
    expect(binFor(1, shareBins([1]))).toBeDefined();
    expect(binFor(0, shareBins([0, 1]))).toBeDefined();
    expect(binFor(1, shareBins([0, 1]))).toBeDefined();
  });

  it('colours bins pale to dark from the sequential scheme, never in the no-responses grey', () => {
    const colours = sequentialColours(5);

    expect(colours[0]).toBe(SEQUENTIAL[0]);
    expect(colours.at(-1)).toBe(SEQUENTIAL.at(-1));
    expect(new Set(colours).size).toBe(5);
    expect(colours).not.toContain(NO_RESPONSES);
  });
});
