/**
 * Which result a ward on the map takes its colour from: its own (ward level), its district's, or
 * its Impact Area's. Pure, so it is unit-tested.
 */
import type { ResultLevel, ResultUnit, ShareCell } from '@wardpulse/domain';
import { binFor, NO_RESPONSES, NOT_COVERED, type Bin } from './bins.ts';

export interface AreaWards {
  id: string;
  name: string;
  wardCodes: readonly string[];
}

/** The result units a ward belongs to at a level (a ward may sit in more than one area). */
export function unitsForWard(level: ResultLevel, ward: { code: string; districtCode: string }, areas: readonly AreaWards[]): string[] {
  if (level === 'ward') return [ward.code];
  if (level === 'district') return [ward.districtCode];
  if (level === 'area') return areas.filter((area) => area.wardCodes.includes(ward.code)).map((area) => area.id);
  return ['force'];
}

/** How a ward is drawn: a class colour, hatched (withheld), grey (no responses) or blank (not in the view). */
export type WardFill = { kind: 'shown'; bin: Bin; cell: Extract<ShareCell, { status: 'shown' }> } | { kind: 'withheld'; cell: Extract<ShareCell, { status: 'suppressed' }> } | { kind: 'empty' } | { kind: 'outside' };

/**
 * A unit's cell as the map draws it. A unit missing from the results is outside the view; a unit
 * whose respondents are withheld is withheld whatever the question's cell says.
 */
export function wardFill(unit: ResultUnit | undefined, cell: ShareCell | undefined, bins: readonly Bin[]): WardFill {
  if (!unit) return { kind: 'outside' };
  if (unit.respondents.status === 'suppressed') return { kind: 'withheld', cell: unit.respondents };
  if (cell?.status === 'suppressed') return { kind: 'withheld', cell };
  if (!cell || cell.status === 'empty' || unit.respondents.status === 'empty') return { kind: 'empty' };
  const bin = binFor(cell.share, bins);
  return bin ? { kind: 'shown', bin, cell } : { kind: 'empty' };
}

/** The SVG fill for a ward; withheld wards use the hatching pattern with id `patternId`. */
export function fillColour(fill: WardFill, patternId: string): string {
  if (fill.kind === 'shown') return fill.bin.colour;
  if (fill.kind === 'withheld') return `url(#${patternId})`;
  if (fill.kind === 'empty') return NO_RESPONSES;
  return NOT_COVERED;
}

/** How many wards the map draws each way, for its accessible summary and its legend. */
export function countFills(fills: Iterable<WardFill>): Record<WardFill['kind'], number> {
  const counts = { shown: 0, withheld: 0, empty: 0, outside: 0 };
  for (const fill of fills) counts[fill.kind] += 1;
  return counts;
}

/** SVG ids must not contain the characters React's `useId` uses. */
export const svgId = (id: string) => id.replace(/[^\w-]/g, '');
