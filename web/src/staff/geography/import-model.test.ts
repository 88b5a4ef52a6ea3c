import { describe, expect, it } from 'vitest';
import { issuesToFields, parseDistricts } from './import-model.ts';

describe('parseDistricts', () => {
  it('takes codes in any case and with any separators, once each, and names what is not a code', () => {
    expect(parseDistricts(' e08000028, E08000025;E08000028\nW06000015 ')).toEqual({ codes: ['E08000028', 'E08000025', 'W06000015'], invalid: [] });
    expect(parseDistricts('Sandwell, E0800002, E08000028')).toEqual({ codes: ['E08000028'], invalid: ['SANDWELL', 'E0800002'] });
    expect(parseDistricts('   ')).toEqual({ codes: [], invalid: [] });
  });
});

describe('issuesToFields', () => {
  it('puts the lookup file’s and the districts’ problems on their own fields, not the boundary file’s', () => {
    const fields = issuesToFields([
      { path: ['options', 'lookupFile', 'fileBytes'], message: 'Too big' },
      { path: ['options', 'districts', 0], message: 'Not a code' },
      { path: ['fileName'], message: 'Missing' },
    ]);
    expect(fields).toEqual({ lookupFile: 'Too big', districts: 'Not a code', file: 'Missing' });
  });
});
