/**
 * The postcode residents are shown as an example comes from the force's own imported lookup:
 * a live postcode in one of its wards, from the newest lookup, through `/api/public/settings`.
 */
import type { Ward } from '@wardpulse/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/api.ts';
import { freshRepositories } from '../support/geo-data.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});

const ward: Ward = { code: 'E05011111', name: 'Abbey', districtCode: 'E08000028', districtName: 'Sandwell', vintage: '2025-05' };
const wards = new Map([[ward.code, ward]]);
const record = (postcode: string, lookupVintage: string, extra: { terminated?: boolean; wardCode?: string } = {}) => ({ postcode, wardCode: extra.wardCode ?? ward.code, lookupVintage, terminated: extra.terminated ?? false });

describe('example postcode for residents', () => {
  it('offers no example before any postcodes are imported', async () => {
    const { tableName } = await freshRepositories();
    const { app } = createTestApp({ issuer, tableName });

    const settings = await (await app.request('/api/public/settings')).json();

    expect(settings).toMatchObject({ examplePostcode: null });
  });

  it('names a live postcode of the force’s wards from the newest lookup, and keeps it while that lookup is written', async () => {
    const { tableName, repositories } = await freshRepositories();
    const { geography } = repositories;

    await geography.putPostcodes([record('B66 9ZZ', '2024-02', { terminated: true }), record('B99 9ZZ', '2024-02', { wardCode: 'E05099999' }), record('B66 1AB', '2024-02')], wards);
    expect(await geography.examplePostcode()).toBe('B66 1AB');
    await geography.putPostcodes([record('B67 5CD', '2024-02')], wards);
    expect(await geography.examplePostcode()).toBe('B66 1AB');
    await geography.putPostcodes([record('B70 7EF', '2024-08')], wards);
    expect(await geography.examplePostcode()).toBe('B70 7EF');
    await geography.putPostcodes([record('B66 1AB', '2024-02')], wards);

    const { app } = createTestApp({ issuer, tableName });
    const settings = await (await app.request('/api/public/settings')).json();
    expect(settings).toMatchObject({ examplePostcode: 'B70 7EF' });
    const found = await app.request('/api/public/postcodes/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ postcode: 'B70 7EF' }) });
    expect(found.status).toBe(200);
  });
});
