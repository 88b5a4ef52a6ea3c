import { describe, expect, it } from 'vitest';
import { labelPlacement } from './ward-labels.ts';

describe('labelPlacement', () => {
  it('puts the label at the centre of a ward it fits in', () => {
    expect(labelPlacement('M0,0L200,0L200,60L0,60Z', 'Soho and Victoria')).toEqual({ x: 100, y: 30, fits: true });
  });

  it('says a long name does not fit a narrow or short ward', () => {
    expect(labelPlacement('M0,0L40,0L40,60L0,60Z', 'Soho and Victoria').fits).toBe(false);
    expect(labelPlacement('M0,0L200,0L200,15L0,15Z', 'Soho').fits).toBe(false);
  });

  it('labels the largest part of a ward in several parts', () => {
    const placement = labelPlacement('M0,0L10,0L10,10L0,10ZM100,100L300,100L300,160L100,160Z', 'Tipton Green');

    expect(placement).toEqual({ x: 200, y: 130, fits: true });
  });

  it('does not label a ward whose centre falls outside it', () => {
    // A U shape: the centroid lies in the gap between the arms.
    const u = 'M0,0L40,0L40,160L160,160L160,0L200,0L200,200L0,200Z';

    expect(labelPlacement(u, 'Ward').fits).toBe(false);
  });

  it('reads the compact path data d3-geo writes', () => {
    expect(labelPlacement('M10.5,20.25L210.5,20.25L210.5,80.25L10.5,80.25Z', 'Abbey')).toMatchObject({ x: 110.5, fits: true });
  });
});
