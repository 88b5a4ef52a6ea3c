import { describe, expect, it } from 'vitest';
import { detectPostcodeColumns, detectWardProperties, vintageFromColumn } from './geo-import.ts';
import { normalisePostcode, parsePostcodeQuery, postcodeParts } from './postcode.ts';

describe('parsePostcodeQuery', () => {
  it.each([
    ['B66 1AA', 'B66 1AA'],
    ['b661aa', 'B66 1AA'],
    ['  b66   1aa ', 'B66 1AA'],
    ['ec1a1bb', 'EC1A 1BB'],
  ])('reads %j as the full postcode %s', (input, expected) => {
    expect(parsePostcodeQuery(input)).toEqual({ kind: 'full', postcode: expected });
  });

  it('reads a district and a sector as partial postcodes', () => {
    expect(parsePostcodeQuery('b66')).toEqual({ kind: 'district', district: 'B66' });
    expect(parsePostcodeQuery('B66 1')).toEqual({ kind: 'sector', sector: 'B66 1' });
  });

  it.each(['', 'hello', '12345', 'B66 1AAA1', 'not a postcode at all'])('says what is wrong with %j', (input) => {
    const result = parsePostcodeQuery(input);

    expect(result.kind).toBe('invalid');
  });

  it('normalises or refuses', () => {
    expect(normalisePostcode('wv1 1aa')).toBe('WV1 1AA');
    expect(normalisePostcode('WV1')).toBeNull();
  });

  it('splits a postcode into district and sector', () => {
    expect(postcodeParts('B66 1AA')).toEqual({ district: 'B66', sector: 'B66 1' });
  });
});

describe('detectWardProperties', () => {
  it('finds ONS ward properties of any year', () => {
    expect(detectWardProperties(['FID', 'WD25CD', 'WD25NM', 'LAD25CD', 'LAD25NM'])).toEqual({
      code: 'WD25CD',
      name: 'WD25NM',
      districtCode: 'LAD25CD',
      districtName: 'LAD25NM',
      year: 25,
    });
    expect(detectWardProperties(['wd26cd', 'wd26nm', 'lad26cd', 'lad26nm'])?.year).toBe(26);
  });

  it('returns null when the ward name or district is missing', () => {
    expect(detectWardProperties(['WD25CD', 'LAD25CD', 'LAD25NM'])).toBeNull();
    expect(detectWardProperties(['code', 'name'])).toBeNull();
  });
});

describe('detectPostcodeColumns', () => {
  it('reads the shared NSPL extract layout', () => {
    expect(detectPostcodeColumns(['pcds', 'lad_code', 'ward_code', 'lsoa21_code'])).toEqual({ postcode: 'pcds', ward: 'ward_code', district: 'lad_code' });
  });

  it('reads the ONSPD layout, preferring pcds and finding doterm', () => {
    const header = 'pcd7,pcd8,pcds,dointr,doterm,cty25cd,ced25cd,lad25cd,wd25cd,parncp25cd'.split(',');

    expect(detectPostcodeColumns(header)).toEqual({ postcode: 'pcds', ward: 'wd25cd', district: 'lad25cd', terminated: 'doterm' });
  });

  it('reads the older NSPL layout with osward and oslaua', () => {
    expect(detectPostcodeColumns(['PCD', 'DOTERM', 'OSLAUA', 'OSWARD'])).toEqual({ postcode: 'PCD', ward: 'OSWARD', district: 'OSLAUA', terminated: 'DOTERM' });
  });

  it('returns null without a postcode or a ward column', () => {
    expect(detectPostcodeColumns(['name', 'ward_code'])).toBeNull();
    expect(detectPostcodeColumns(['pcds', 'lad_code'])).toBeNull();
  });

  it('infers the ward vintage from a wdyycd column', () => {
    expect(vintageFromColumn('wd24cd')).toBe('2024-05');
    expect(vintageFromColumn('ward_code')).toBeUndefined();
  });
});
