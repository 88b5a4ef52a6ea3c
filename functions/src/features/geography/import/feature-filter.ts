/**
 * Which features of a boundary file are the force's wards, decided one feature at a time as the
 * file is streamed (so a UK-wide download is never held whole).
 */
import { detectWardCodeProperties, detectWardProperties, ImportFileError, type WardPropertyMapping } from '@wardpulse/domain';
import type { RawFeature, WardLookup } from './boundary-file.ts';

/** What the filter needs of the import's options. */
export interface FilterOptions {
  wardProperties?: WardPropertyMapping;
  lookup?: WardLookup;
  districts?: readonly string[];
}

const LISTED = 8;

/** Without a choice of districts, more wards than this means a UK-wide file: the administrator must choose. The largest force has under 700. */
export const MAX_WARDS_UNCHOSEN = 1_500;

export function listed(items: readonly string[]): string {
  return items.length <= LISTED ? items.join('; ') : `${items.slice(0, LISTED).join('; ')}; and ${items.length - LISTED} more`;
}

export const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

interface Mapping {
  code: string;
  name: string;
  /** Absent when districts come from the lookup. */
  districtCode?: string;
  districtName?: string;
  year?: number;
}

/**
 * Decides, feature by feature as the file is read, which wards are the force's: finds the ONS
 * properties on the first feature, takes each ward's district from the feature or the lookup,
 * and keeps only the chosen districts. Counts what it saw for the report and for messages.
 */
export class FeatureFilter {
  mapping: Mapping | undefined;
  readonly seenDistricts = new Map<string, { name: string; wards: number }>();
  readonly notInLookup: string[] = [];
  kept = 0;
  dropped = 0;
  private readonly chosen: Set<string> | undefined;

  constructor(private readonly options: FilterOptions) {
    this.chosen = options.districts ? new Set(options.districts) : undefined;
  }

  private detect(properties: Record<string, unknown>): Mapping {
    const keys = Object.keys(properties);
    const full = this.options.wardProperties ?? detectWardProperties(keys);
    if (full) return full;
    const wardOnly = this.options.lookup ? detectWardCodeProperties(keys) : null;
    if (wardOnly) return wardOnly;
    const onlyWard = detectWardCodeProperties(keys);
    throw new ImportFileError(
      'boundaries.no_ward_properties',
      onlyWard
        ? `The features have ward codes (${onlyWard.code}) but no district (LAD${String(onlyWard.year).padStart(2, '0')}CD, LAD${String(onlyWard.year).padStart(2, '0')}NM), as in the ONS "Wards … Boundaries UK" downloads. Upload the ONS "Ward to Local Authority District (May 20${String(onlyWard.year).padStart(2, '0')}) Lookup" CSV with it.`
        : `No ONS ward properties (WDyyCD, WDyyNM, LADyyCD, LADyyNM) were found. The features have ${keys.length > 0 ? `these properties: ${keys.join(', ')}` : 'no properties'}. Choose which property holds the ward code, ward name, district code and district name.`,
    );
  }

  readonly keep = (feature: RawFeature): boolean => {
    const mapping = (this.mapping ??= this.detect(feature.properties));
    if (mapping.districtCode === undefined && this.options.lookup && mapping.year !== undefined && this.options.lookup.year !== mapping.year) {
      throw new ImportFileError(
        'boundaries.lookup_vintage',
        `The boundaries are May 20${String(mapping.year).padStart(2, '0')} wards (${mapping.code}) but ${this.options.lookup.fileName} is the May 20${String(this.options.lookup.year).padStart(2, '0')} lookup. Use the lookup of the same year.`,
      );
    }
    const code = asText(feature.properties[mapping.code]);
    let districtCode: string;
    let districtName: string;
    if (mapping.districtCode !== undefined) {
      districtCode = asText(feature.properties[mapping.districtCode]);
      districtName = asText(feature.properties[mapping.districtName!]);
    } else {
      const found = this.options.lookup!.byWard.get(code);
      if (!found) {
        if (this.notInLookup.length < 1_000) this.notInLookup.push(code);
        this.dropped++;
        return false;
      }
      ({ districtCode, districtName } = found);
      feature.properties = { ...feature.properties, [DISTRICT_CODE]: districtCode, [DISTRICT_NAME]: districtName };
    }
    const seen = this.seenDistricts.get(districtCode) ?? { name: districtName, wards: 0 };
    seen.wards++;
    this.seenDistricts.set(districtCode, seen);
    if (this.chosen && !this.chosen.has(districtCode)) {
      this.dropped++;
      return false;
    }
    this.kept++;
    if (!this.chosen && this.kept > MAX_WARDS_UNCHOSEN) {
      throw new ImportFileError(
        'boundaries.choose_districts',
        `The file has more than ${MAX_WARDS_UNCHOSEN.toLocaleString('en-GB')} wards: it looks like a UK-wide download. Choose the force's districts (local authority codes such as E08000028), and only their wards are imported.`,
      );
    }
    return true;
  };

  /** Problems only visible once the whole file is read. */
  finish(featuresRead: number): void {
    if (featuresRead === 0) return;
    const unknown = (this.options.districts ?? []).filter((code) => !this.seenDistricts.has(code));
    if (unknown.length > 0) {
      const present = [...this.seenDistricts].sort((a, b) => a[1].name.localeCompare(b[1].name)).map(([code, { name }]) => `${name} (${code})`);
      throw new ImportFileError('boundaries.unknown_district', `No wards of ${unknown.join(', ')} are in the file. It has the districts ${listed(present)}.`);
    }
    if (this.mapping?.districtCode === undefined && this.notInLookup.length > 0 && !this.options.districts) {
      throw new ImportFileError('boundaries.not_in_lookup', `Some wards of the boundary file are not in ${this.options.lookup?.fileName ?? 'the lookup'}: ${listed(this.notInLookup)}. Use the lookup of the same May as the boundaries.`);
    }
    if (this.kept === 0) throw new ImportFileError('boundaries.no_wards_in_districts', `None of the file's ${featuresRead.toLocaleString('en-GB')} wards is in the chosen districts.`);
  }
}

/** Where a ward's district from the lookup is put on its feature. */
export const DISTRICT_CODE = '__wardpulse_district_code';
export const DISTRICT_NAME = '__wardpulse_district_name';
