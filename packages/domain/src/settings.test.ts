import { describe, expect, it } from 'vitest';
import { DEFAULT_FORCE_SETTINGS, ForceSettingsInputSchema } from './settings.ts';

describe('ForceSettingsInputSchema', () => {
  it('accepts the defaults', () => {
    expect(ForceSettingsInputSchema.parse(DEFAULT_FORCE_SETTINGS)).toEqual(DEFAULT_FORCE_SETTINGS);
  });

  it('rejects a disclosure threshold below 3 and unknown fields, naming each', () => {
    const result = ForceSettingsInputSchema.safeParse({ ...DEFAULT_FORCE_SETTINGS, disclosureThreshold: 1, colour: 'blue' });

    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(paths).toContain('disclosureThreshold');
    expect(paths).toContain('unrecognized_keys');
  });
});
