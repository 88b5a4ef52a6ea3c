import { PostcodeImportReportSchema, type ImportKind } from '@wardpulse/domain';
import { formatBytes, formatCount, vintageLabel } from './format.ts';

/**
 * The key figures of a finished import, for people. A job's report is an open record (each
 * importer reports what it knows), so figures are read defensively: a missing one is left out.
 */

export interface Figure {
  label: string;
  value: string;
  /** Details listed under the figure, e.g. wards per district. */
  items?: string[];
}

type Report = Record<string, unknown>;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const plural = (count: number, one: string, many = `${one}s`) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** `rowsOutsideForce` → `Rows outside force`. */
function humanise(key: string): string {
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function genericFigures(report: Report): Figure[] {
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (isNumber(value)) figures.push({ label: humanise(key), value: formatCount(value) });
    else if (typeof value === 'string' && value.length <= 120) figures.push({ label: humanise(key), value });
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string' || isNumber(item))) {
      figures.push({ label: humanise(key), value: formatCount(value.length), items: value.map(String) });
    } else if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(isNumber)) {
      figures.push({ label: humanise(key), value: formatCount(Object.keys(value).length), items: Object.entries(value as Record<string, number>).map(([name, count]) => `${name}: ${formatCount(count)}`) });
    }
  }
  return figures;
}

function boundaryFigures(report: Report): Figure[] {
  const figures: Figure[] = [];
  if (typeof report.vintage === 'string') figures.push({ label: 'Boundary vintage', value: `${vintageLabel(report.vintage)} (${report.vintage})` });
  if (isNumber(report.wards)) figures.push({ label: 'Wards', value: formatCount(report.wards) });
  if (isNumber(report.districts)) figures.push({ label: 'Districts', value: formatCount(report.districts) });
  const perDistrict = report.wardsPerDistrict;
  if (perDistrict && typeof perDistrict === 'object') {
    const entries = Object.entries(perDistrict).filter((entry): entry is [string, number] => isNumber(entry[1]));
    figures.push({ label: 'Wards per district', value: plural(entries.length, 'district'), items: entries.map(([name, count]) => `${name}: ${plural(count, 'ward')}`) });
  }
  if (isNumber(report.mapGzipBytes)) figures.push({ label: 'Map sent to phones (compressed)', value: formatBytes(report.mapGzipBytes) });
  return figures;
}

function postcodeFigures(report: Report): Figure[] {
  const parsed = PostcodeImportReportSchema.partial().safeParse(report);
  if (!parsed.success) return genericFigures(report);
  const r = parsed.data;
  const figures: Figure[] = [];
  if (r.rowsKept !== undefined) figures.push({ label: 'Postcodes kept', value: formatCount(r.rowsKept) });
  const byDistrict = Array.isArray(report.rowsByDistrict) ? report.rowsByDistrict.filter((d): d is { name: string; rows: number } => typeof d?.name === 'string' && isNumber(d?.rows)) : [];
  if (byDistrict.length > 0) figures.push({ label: 'Postcodes by district', value: plural(byDistrict.length, 'district'), items: byDistrict.map((d) => `${d.name}: ${formatCount(d.rows)}`) });
  if (r.rowsRead !== undefined) figures.push({ label: 'Rows read', value: formatCount(r.rowsRead) });
  if (r.rowsOutsideForce !== undefined) figures.push({ label: 'Outside the force (skipped)', value: formatCount(r.rowsOutsideForce) });
  if (r.terminatedKept !== undefined) figures.push({ label: 'Terminated postcodes kept', value: formatCount(r.terminatedKept) });
  if (r.rowsInvalid !== undefined) figures.push({ label: 'Rows not understood (skipped)', value: formatCount(r.rowsInvalid) });
  if (r.wardCodesNotInBoundaries !== undefined) {
    const missing = r.wardCodesNotInBoundaries;
    figures.push({
      label: 'Ward codes not in the boundary vintage',
      value: formatCount(missing.length),
      ...(missing.length > 0 ? { items: missing.map((entry) => `${entry.wardCode}: ${plural(entry.rows, 'postcode')}`) } : {}),
    });
  }
  if (r.lookupVintage !== undefined) figures.push({ label: 'Lookup vintage', value: `${vintageLabel(r.lookupVintage)} (${r.lookupVintage})` });
  if (r.boundaryVintage !== undefined) figures.push({ label: 'Matched to boundaries of', value: `${vintageLabel(r.boundaryVintage)} (${r.boundaryVintage})` });
  if (r.seconds !== undefined) figures.push({ label: 'Time taken', value: `${r.seconds.toLocaleString('en-GB', { maximumFractionDigits: 1 })} s` });
  return figures;
}

const AREA_KIND_NAMES: Record<string, [string, string]> = { 'impact-area': ['Impact Area', 'Impact Areas'], npt: ['Neighbourhood Policing Team', 'Neighbourhood Policing Teams'] };

function areaList(report: Report): { name: string; wards: number }[] | undefined {
  return Array.isArray(report.areas) ? report.areas.filter((a): a is { name: string; wards: number } => typeof a?.name === 'string' && isNumber(a?.wards)) : undefined;
}

function areaFigures(report: Report): Figure[] {
  const areas = areaList(report);
  if (!areas) return genericFigures(report);
  const [, many] = AREA_KIND_NAMES[String(report.kind)] ?? ['Area', 'Areas'];
  const figures: Figure[] = [{ label: many, value: formatCount(areas.length), items: areas.map((area) => `${area.name}: ${plural(area.wards, 'ward')}`) }];
  if (typeof report.vintage === 'string') figures.push({ label: 'Boundary vintage', value: `${vintageLabel(report.vintage)} (${report.vintage})` });
  return figures;
}

/** The figures worth showing an administrator once an import has finished. */
export function reportFigures(kind: ImportKind, report: Report | undefined): Figure[] {
  if (!report) return [];
  if (kind === 'boundaries') return boundaryFigures(report);
  if (kind === 'postcodes') return postcodeFigures(report);
  return areaFigures(report);
}

/** One line for the list of recent imports, e.g. `24 wards in 1 district`. */
export function reportHeadline(kind: ImportKind, report: Report | undefined): string {
  if (!report) return '';
  if (kind === 'boundaries' && isNumber(report.wards) && isNumber(report.districts)) return `${plural(report.wards, 'ward')} in ${plural(report.districts, 'district')}`;
  if (kind === 'postcodes' && isNumber(report.rowsKept)) return `${plural(report.rowsKept, 'postcode')} kept`;
  const areas = kind === 'areas' ? areaList(report) : undefined;
  if (areas) {
    const [one, many] = AREA_KIND_NAMES[String(report.kind)] ?? ['area', 'areas'];
    return plural(areas.length, one, many);
  }
  const first = reportFigures(kind, report)[0];
  return first ? `${first.label}: ${first.value}` : '';
}
