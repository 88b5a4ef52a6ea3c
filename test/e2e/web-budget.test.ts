/**
 * The size budget of the resident pages (issue 14), read from the build the e2e global setup made
 * (web/dist, Vite manifest): what a phone downloads before the first survey question or a message
 * shows, and that none of it is staff code. Sizes only; speed is bench/web.bench.ts's job.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isStaffSource, pageAssets } from '../../web/page-assets.ts';

const dist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const KB = 1000;

describe('the resident pages’ download budget', () => {
  it('sends at most 60 KB of gzipped JS before the first survey question', () => {
    const survey = pageAssets(dist, 'survey');

    expect(survey.jsGzip / KB).toBeLessThanOrEqual(60);
  });

  it('sends at most 60 KB of gzipped JS before a community message or the sign-up form', () => {
    const message = pageAssets(dist, 'message');
    const signup = pageAssets(dist, 'signup');

    expect(message.jsGzip / KB).toBeLessThanOrEqual(60);
    expect(signup.jsGzip / KB).toBeLessThanOrEqual(60);
  });

  it('loads no staff code (console screens, sign-in library) on a resident page', () => {
    const resident = (['survey', 'message', 'signup'] as const).map((page) => ({ page, staff: pageAssets(dist, page).sources.filter(isStaffSource) }));
    const staff = pageAssets(dist, 'staff').sources.filter(isStaffSource);

    expect(resident).toEqual([
      { page: 'survey', staff: [] },
      { page: 'message', staff: [] },
      { page: 'signup', staff: [] },
    ]);
    // The check can see staff code where there is some.
    expect(staff).toContain('src/staff/StaffApp.tsx');
    expect(staff.some((source) => source.includes('/oidc-client-ts/'))).toBe(true);
  });

  it('links the first paint’s styles from the page itself, not from a lazy chunk', () => {
    const html = readFileSync(`${dist}/index.html`, 'utf8');
    const entryCss = pageAssets(dist, []).css;

    expect(entryCss).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<link rel="stylesheet"[^>]* href="/${entryCss[0]}"`));
  });
});
