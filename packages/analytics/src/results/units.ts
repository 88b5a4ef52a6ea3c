import { mergeCounters, type Counters, type ResultLevel } from '@wardpulse/domain';

/**
 * The units results are read at — wards, districts, Impact Areas / NPTs, the force and the
 * "no location given" bucket — with the additive constraints between them, and the roll-up of
 * ward counters into every unit. Pure: the service reads geography and aggregates and hands
 * them in.
 */

/** The ward bucket of responses without a location answer (the data layer's `NO_WARD`). */
export const NONE = 'none';
export const FORCE = 'force';

export interface ResultGeography {
  /** The live boundary vintage the units come from (null before any geography is imported). */
  vintage: string | null;
  districts: readonly { code: string; name: string }[];
  wards: readonly { code: string; name: string; districtCode: string }[];
  /** Impact Areas and NPTs: named, possibly overlapping, sets of wards. */
  areas: readonly { id: string; name: string; wardCodes: readonly string[] }[];
}

export type UnitLevel = ResultLevel | typeof NONE;

export interface UnitNode {
  /** Unique across levels: `ward:<code>`, `district:<code>`, `area:<id>`, `force`, `none`. */
  key: string;
  level: UnitLevel;
  code: string;
  name: string;
  /** The district of a ward in the live vintage; null otherwise. */
  parentCode: string | null;
}

/** `total = Σ parts`, by unit key. */
export interface UnitConstraint {
  total: string;
  parts: string[];
}

export interface UnitTree {
  units: UnitNode[];
  byKey: Map<string, UnitNode>;
  constraints: UnitConstraint[];
  /** A ward bucket (ward code or `none`) → every unit its responses count in. */
  memberships: Map<string, string[]>;
}

export function unitKey(level: UnitLevel, code: string): string {
  if (level === 'force') return FORCE;
  if (level === NONE || code === NONE) return NONE;
  return `${level}:${code}`;
}

export const NONE_NAME = 'No location given';

/** A ward answered on older boundaries, as its own vintage describes it. */
export interface OldWard {
  name: string;
  districtCode?: string;
}

/**
 * Builds every unit of every level and the constraints between them. Wards with responses that
 * are not in the live vintage (answered on older boundaries) become wards of their own, in their
 * district if it is still live, else counted in the force directly beside the districts and `none`.
 * @example
 * buildUnitTree(geography, ['E05000001', 'none']).constraints
 * // [{ total: 'district:E08000001', parts: ['ward:E05000001', …] }, …, { total: 'force', parts: ['district:…', 'none'] }]
 */
export function buildUnitTree(geography: ResultGeography, dataBuckets: Iterable<string>, oldWards: ReadonlyMap<string, OldWard> = new Map()): UnitTree {
  const units: UnitNode[] = [];
  const memberships = new Map<string, string[]>();
  const constraints: UnitConstraint[] = [];
  const districtCodes = new Set(geography.districts.map((d) => d.code));
  const liveWards = new Set<string>();

  for (const ward of geography.wards) {
    liveWards.add(ward.code);
    units.push({ key: unitKey('ward', ward.code), level: 'ward', code: ward.code, name: ward.name, parentCode: ward.districtCode });
    const into = [unitKey('ward', ward.code), FORCE];
    if (districtCodes.has(ward.districtCode)) into.push(unitKey('district', ward.districtCode));
    memberships.set(ward.code, into);
  }
  // Wards answered on older boundaries: in their district when it is still a live district
  // (ward changes happen inside districts), else in the force only.
  const old = [...new Set(dataBuckets)].filter((bucket) => bucket !== NONE && !liveWards.has(bucket)).sort();
  const districtOf = new Map<string, string>(geography.wards.map((w) => [w.code, w.districtCode]));
  for (const code of old) {
    const known = oldWards.get(code);
    const district = known?.districtCode !== undefined && districtCodes.has(known.districtCode) ? known.districtCode : null;
    units.push({ key: unitKey('ward', code), level: 'ward', code, name: known?.name ?? code, parentCode: district });
    memberships.set(code, [unitKey('ward', code), FORCE, ...(district ? [unitKey('district', district)] : [])]);
    if (district) districtOf.set(code, district);
  }

  const forceParts: string[] = [];
  for (const district of geography.districts) {
    const key = unitKey('district', district.code);
    units.push({ key, level: 'district', code: district.code, name: district.name, parentCode: null });
    constraints.push({ total: key, parts: [...districtOf].filter(([, d]) => d === district.code).map(([code]) => unitKey('ward', code)) });
    forceParts.push(key);
  }
  // Wards with no live district count in the force directly.
  for (const code of [...liveWards, ...old]) if (!districtCodes.has(districtOf.get(code) ?? '')) forceParts.push(unitKey('ward', code));

  for (const area of geography.areas) {
    const key = unitKey('area', area.id);
    const wards = area.wardCodes.filter((code) => liveWards.has(code));
    units.push({ key, level: 'area', code: area.id, name: area.name, parentCode: null });
    constraints.push({ total: key, parts: wards.map((code) => unitKey('ward', code)) });
    for (const code of wards) memberships.get(code)?.push(key);
  }

  units.push({ key: NONE, level: NONE, code: NONE, name: NONE_NAME, parentCode: null });
  memberships.set(NONE, [NONE, FORCE]);
  forceParts.push(NONE);
  units.push({ key: FORCE, level: 'force', code: FORCE, name: 'Whole force', parentCode: null });
  constraints.push({ total: FORCE, parts: forceParts });

  return { units, byKey: new Map(units.map((unit) => [unit.key, unit])), constraints, memberships };
}

/** Adds each ward bucket's counters into every unit it belongs to. Units without responses get `{}`. */
export function rollUp(tree: UnitTree, buckets: ReadonlyMap<string, Counters>): Map<string, Counters> {
  const totals = new Map<string, Counters>(tree.units.map((unit) => [unit.key, {}]));
  for (const [bucket, counters] of buckets) {
    for (const key of tree.memberships.get(bucket) ?? []) mergeCounters(totals.get(key)!, counters);
  }
  return totals;
}

/**
 * One demographic group's counters, renamed to ordinary counter names: `x#sex#female#q#o#a` →
 * `q#o#a`, and `x#sex#female#n` → `n` (the group's respondents).
 */
export function groupCounters(breakdown: ReadonlyMap<string, Counters>, questionId: string, optionId: string): Map<string, Counters> {
  const prefix = `x#${questionId}#${optionId}#`;
  const out = new Map<string, Counters>();
  for (const [bucket, counters] of breakdown) {
    const picked: Counters = {};
    for (const [name, value] of Object.entries(counters)) if (name.startsWith(prefix)) picked[name.slice(prefix.length)] = value;
    if (Object.keys(picked).length > 0) out.set(bucket, picked);
  }
  return out;
}

/**
 * The units of a level shown in a table, optionally limited to one district or area. The `none`
 * bucket is listed with wards, districts and areas (so a ward or district table adds up to the
 * force) unless the table is limited, and only when some responses gave no location.
 */
export function unitsOfLevel(tree: UnitTree, geography: ResultGeography, level: ResultLevel, within: { kind: 'district' | 'area'; code: string } | null, noneHasResponses: boolean): UnitNode[] {
  if (level === 'force') return [tree.byKey.get(FORCE)!];
  const ofLevel = tree.units.filter((unit) => unit.level === level);
  let shown = ofLevel;
  if (within) {
    const wardsWithin = new Set(
      within.kind === 'district' ? geography.wards.filter((w) => w.districtCode === within.code).map((w) => w.code) : (geography.areas.find((a) => a.id === within.code)?.wardCodes ?? []),
    );
    if (level === 'ward') shown = ofLevel.filter((unit) => wardsWithin.has(unit.code));
    else if (level === within.kind) shown = ofLevel.filter((unit) => unit.code === within.code);
    else if (level === 'district') shown = ofLevel.filter((unit) => geography.wards.some((w) => w.districtCode === unit.code && wardsWithin.has(w.code)));
    else shown = ofLevel.filter((unit) => geography.areas.find((a) => a.id === unit.code)?.wardCodes.some((code) => wardsWithin.has(code)));
  }
  return !within && noneHasResponses ? [...shown, tree.byKey.get(NONE)!] : shown;
}
