import { describe, expect, it } from 'vitest';
import { hasAnyRole, rolesFromGroups } from './roles.ts';

describe('rolesFromGroups', () => {
  it('keeps only WardPulse roles from a token groups claim', () => {
    expect(rolesFromGroups(['admin', 'us-east-1_abc_Google', 'analyst'])).toEqual(['admin', 'analyst']);
  });

  it('treats a missing or malformed claim as no roles', () => {
    expect(rolesFromGroups(undefined)).toEqual([]);
    expect(rolesFromGroups('admin')).toEqual([]);
  });
});

describe('hasAnyRole', () => {
  it('allows a principal holding one of the roles and refuses one that holds none', () => {
    const officer = { subject: 's', username: 'u', roles: ['officer' as const] };

    expect(hasAnyRole(officer, ['admin', 'officer'])).toBe(true);
    expect(hasAnyRole(officer, ['admin'])).toBe(false);
  });
});
