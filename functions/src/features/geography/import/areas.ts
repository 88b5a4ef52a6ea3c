/**
 * Area import: Impact Areas or Neighbourhood Policing Teams as named sets of wards, from a CSV of
 * `area_name, ward_code` rows, checked against the live boundary vintage.
 */
import { parse } from 'csv-parse/sync';
import { AreaSchema, ImportFileError, type Area, type AreaKind, type Ward } from '@wardpulse/domain';
import type { Repositories } from '@wardpulse/data';

const AREA_COLUMN = /^(area_?name|area|name)$/;
const WARD_COLUMN = /^(ward_?code|wd\d{2}cd|ward)$/;

/**
 * A stable id from an area's name.
 * @example
 * areaId('Smethwick & Oldbury') // 'smethwick-and-oldbury'
 */
export function areaId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export interface AreaReport {
  vintage: string;
  kind: AreaKind;
  areas: { id: string; name: string; wards: number }[];
}

/**
 * Reads an areas CSV (header names in any case, BOM tolerated; one row per area and ward) into
 * areas of the given vintage. Every ward must be one of `wards`.
 * @example
 * prepareAreas('area_name,ward_code\nSmethwick,E05001279\n', wards, 'impact-area', '2025-05')
 * // [{ id: 'smethwick', kind: 'impact-area', name: 'Smethwick', vintage: '2025-05', wardCodes: ['E05001279'] }]
 */
export function prepareAreas(text: string, wards: readonly Ward[], kind: AreaKind, vintage: string): Area[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ImportFileError('areas.not_csv', `The areas file is not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...data] = rows;
  const columns = header?.record.map((column) => column.toLowerCase()) ?? [];
  const nameAt = columns.findIndex((column) => AREA_COLUMN.test(column));
  const wardAt = columns.findIndex((column) => WARD_COLUMN.test(column));
  if (nameAt < 0 || wardAt < 0) {
    throw new ImportFileError(
      'areas.missing_columns',
      `The areas file needs the columns area_name and ward_code (one row per area and ward). Found: ${header ? header.record.join(', ') || '(an empty header)' : 'nothing'}.`,
    );
  }
  const known = new Set(wards.map((ward) => ward.code));
  const unknown = new Map<string, number[]>();
  const byId = new Map<string, { name: string; wardCodes: Set<string> }>();
  for (const { record, info } of data) {
    const name = record[nameAt] ?? '';
    const wardCode = (record[wardAt] ?? '').toUpperCase();
    if (!name && !wardCode) continue;
    if (!known.has(wardCode) || !name) {
      unknown.set(wardCode || '(blank)', [...(unknown.get(wardCode || '(blank)') ?? []), info.lines]);
      continue;
    }
    const id = areaId(name);
    const area = byId.get(id) ?? { name, wardCodes: new Set<string>() };
    area.wardCodes.add(wardCode);
    byId.set(id, area);
  }
  if (unknown.size > 0) {
    const listed = [...unknown].map(([code, lines]) => `${code} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`);
    throw new ImportFileError(
      'areas.unknown_wards',
      `Some rows name a ward that is not in the ${vintage} boundaries, or have no area name: ${listed.slice(0, 20).join('; ')}${listed.length > 20 ? `; and ${listed.length - 20} more` : ''}. Use ward codes of the ${vintage} boundaries.`,
    );
  }
  if (byId.size === 0) throw new ImportFileError('areas.empty', 'The areas file has a header but no rows.');
  return [...byId].map(([id, area]) => {
    const parsed = AreaSchema.safeParse({ id, kind, name: area.name, vintage, wardCodes: [...area.wardCodes].sort() });
    if (!parsed.success) throw new ImportFileError('areas.bad_name', `The area name "${area.name}" cannot be used: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    return parsed.data;
  });
}

/**
 * Replaces the force's areas of one kind with those in the file, in the live boundary vintage.
 * A bad file throws ImportFileError and leaves the existing areas as they were.
 */
export async function importAreas(repositories: Pick<Repositories, 'geography'>, text: string, options: { kind: AreaKind; actor: string }): Promise<AreaReport> {
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) throw new ImportFileError('areas.no_boundaries', 'Import the ward boundaries before areas: each area is a set of wards.');
  const wards = await repositories.geography.listWards(vintage);
  const areas = prepareAreas(text, wards, options.kind, vintage);
  await repositories.geography.saveAreas(vintage, options.kind, areas, options.actor);
  return { vintage, kind: options.kind, areas: areas.map((area) => ({ id: area.id, name: area.name, wards: area.wardCodes.length })) };
}

/** An area in a preview: its wards, and what the import would do to it. */
export interface AreaPreviewItem {
  id: string;
  name: string;
  wardCodes: string[];
  /** existing: `removed` (not in the file), `changed` (other wards) or `unchanged`; incoming: `new`, `changed` or `unchanged`. */
  outcome: 'removed' | 'new' | 'changed' | 'unchanged';
}

export interface AreaPreview {
  vintage: string;
  kind: AreaKind;
  /** Every area of this kind there is now: all of them are replaced by the file's. */
  existing: AreaPreviewItem[];
  /** The file's areas. */
  incoming: AreaPreviewItem[];
}

/**
 * What importing an areas file would do, without changing anything: the areas of that kind there
 * are now (all replaced) and the file's areas, each marked new, changed or unchanged. A bad file
 * throws the same ImportFileError the import itself would.
 */
export async function previewAreas(repositories: Pick<Repositories, 'geography'>, text: string, kind: AreaKind): Promise<AreaPreview> {
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) throw new ImportFileError('areas.no_boundaries', 'Import the ward boundaries before areas: each area is a set of wards.');
  const [wards, existing] = await Promise.all([repositories.geography.listWards(vintage), repositories.geography.listAreas(vintage, kind)]);
  const incoming = prepareAreas(text, wards, kind, vintage);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code, index) => code === b[index]);
  const byId = (areas: readonly Area[]) => new Map(areas.map((area) => [area.id, [...area.wardCodes].sort()]));
  const before = byId(existing);
  const after = byId(incoming);
  const item = (area: Area, other: Map<string, string[]>, missing: 'removed' | 'new'): AreaPreviewItem => {
    const wardCodes = [...area.wardCodes].sort();
    const counterpart = other.get(area.id);
    return { id: area.id, name: area.name, wardCodes, outcome: !counterpart ? missing : same(counterpart, wardCodes) ? 'unchanged' : 'changed' };
  };
  return { vintage, kind, existing: existing.map((area) => item(area, after, 'removed')), incoming: incoming.map((area) => item(area, before, 'new')) };
}
