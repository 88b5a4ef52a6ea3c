import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './proportion.ts';

describe('wilsonInterval', () => {
  it('matches the published Wilson interval for 40 of 100', () => {
    const result = wilsonInterval(40, 100);

    expect(result.share).toBe(0.4);
    expect(result.lower).toBeCloseTo(0.3094, 4);
    expect(result.upper).toBeCloseTo(0.4980, 4);
  });

  it('keeps bounds inside 0..1 when every respondent agrees', () => {
    const result = wilsonInterval(5, 5);

    expect(result.upper).toBe(1);
    expect(result.lower).toBeGreaterThan(0.5);
  });

  it('rejects a count larger than n', () => {
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
  });
});
