import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';

/**
 * The console as an administrator meets it: a home page of what the role can do, settings whose
 * problems are named beside each field, the audit trail in words with its filters, and an areas
 * import that must be told the kind of area and shows what it will replace before it does. The
 * stack is shared with other files, so areas are imported as neighbourhood teams (the demo has
 * none) and assertions hold whatever else is there. The tests run in order.
 */

const appUrl = inject('appUrl');
const IMPORT_TIMEOUT = 45_000;

let browser: Browser;
let close: () => Promise<void>;
let admin: BrowserContext;
let page: Page;
let scratch: string;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await admin.newPage();
  scratch = mkdtempSync(join(tmpdir(), 'wardpulse-admin-e2e-'));
  await signInAt(page, appUrl, 'admin');
});
afterAll(async () => {
  await admin?.close();
  await close?.();
});

describe('the console home page', () => {
  it('lists what an administrator can do, with links, and no "will appear" placeholder', async () => {
    await page.getByRole('heading', { name: 'What you can do' }).waitFor();
    const tasks = page.getByTestId('home-tasks');

    for (const name of ['Create a survey', 'Write a community message', 'Geography and imports', 'Force settings', 'Audit trail']) {
      expect(await tasks.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await page.locator('main').textContent()).not.toMatch(/will appear/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows an analyst only what an analyst can do', async () => {
    const context = await browser.newContext();
    const analyst = await context.newPage();
    await signInAt(analyst, appUrl, 'analyst');
    await analyst.getByTestId('home-tasks').waitFor();

    const links = await analyst.getByTestId('home-tasks').getByRole('link').allTextContents();
    expect(links).toContain('Surveys and their results');
    expect(links).not.toContain('Force settings');
    expect(links).not.toContain('Create a survey');
    expect(await analyst.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await context.close();
  });
});

describe('force settings', () => {
  it('names each setting that is out of range beside its field, with a summary, and saves nothing', async () => {
    await page.getByTestId('home-tasks').getByRole('link', { name: 'Force settings' }).click();
    const retention = page.getByLabel('Retention days');
    const threshold = page.getByLabel('Disclosure threshold');
    await retention.waitFor();
    const before = { retention: await retention.inputValue(), threshold: await threshold.inputValue() };

    await retention.fill('10');
    await threshold.fill('2.5');
    await page.getByRole('button', { name: 'Save settings' }).click();

    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe('2 settings need changing');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Retention days must be a whole number from 30 to 3650.', 'Disclosure threshold must be a whole number from 3 to 100.']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    for (const [field, text] of [
      [retention, 'Retention days must be a whole number from 30 to 3650.'],
      [threshold, 'Disclosure threshold must be a whole number from 3 to 100.'],
    ] as const) {
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const described = (await field.getAttribute('aria-describedby'))!.split(' ');
      const errorText = await page.locator(`[id="${described.at(-1)}"]`).textContent();
      expect(errorText).toBe(`Error: ${text}`);
    }
    expect(await page.locator('main').textContent()).not.toMatch(/schema|Too small|expected number|>=/);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.getByLabel('Retention days').waitFor();
    expect(await page.getByLabel('Retention days').inputValue()).toBe(before.retention);
    expect(await page.getByLabel('Disclosure threshold').inputValue()).toBe(before.threshold);
  });

  it('saves once the settings are in range', async () => {
    await page.getByLabel('Retention days').fill('400');
    await page.getByLabel('Disclosure threshold').fill('10');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Saved as version \d+\.$/);
    expect(await page.getByLabel('Retention days').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('the audit trail', () => {
  it('says who changed what and when, in words, filtered by kind, person and dates', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit trail' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();

    expect(await table.textContent()).toContain('Changed the force settings');
    expect(await table.textContent()).toContain('keep responses 400 days');
    expect(await table.locator('tbody td').allTextContents()).not.toContain('settings.updated');
    // en-GB date and time, e.g. "2 Dec 2026, 17:05".
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);

    await page.getByLabel('Kind of change').selectOption({ label: 'Force settings' });
    await page.getByLabel('Person (username)').fill('admin');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await expect.poll(async () => (await table.locator('tbody tr td:nth-child(3)').allTextContents()).every((text) => text.startsWith('Changed the force settings'))).toBe(true);
    expect(await table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(expect.arrayContaining(['admin']));
    expect(new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['admin']));
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('No changes match between 1 January 2020 and 31 January 2020.');
    expect(await table.count()).toBe(0);
  });
});

describe('importing areas', () => {
  const importPanel = async () => {
    await page.goto(`${appUrl}/staff/geography`);
    await page.getByRole('radio', { name: /^Impact Areas or NPTs/ }).check();
  };
  const wardCodes = async (): Promise<string[]> => {
    const body = (await (await fetch(`${appUrl}/api/public/wards`)).json()) as { districts: { wards: { code: string }[] }[] };
    return body.districts.flatMap((district) => district.wards.map((ward) => ward.code));
  };

  it('refuses to import areas until the kind of area is chosen, and has none chosen at first', async () => {
    const [a = '', b = ''] = await wardCodes();
    const csv = join(scratch, 'npt-first.csv');
    writeFileSync(csv, `area_name,ward_code\nNorth NPT (e2e),${a}\nSouth NPT (e2e),${b}\n`);
    await importPanel();

    expect(await page.getByRole('radio', { name: 'Impact Areas', exact: true }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'Neighbourhood Policing Teams (NPTs)' }).isChecked()).toBe(false);
    await page.getByLabel('File to import').setInputFiles(csv);
    await page.getByRole('button', { name: 'Upload and check' }).click();

    const summary = page.locator('.s-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose the kind of area the file holds: Impact Areas or Neighbourhood Policing Teams.');
    expect(await page.getByTestId('import-run').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('radio', { name: 'Neighbourhood Policing Teams (NPTs)' }).check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: IMPORT_TIMEOUT });
    expect(await preview.getByTestId('preview-incoming').locator('tbody th').allTextContents()).toEqual(['North NPT (e2e)', 'South NPT (e2e)']);
    await preview.getByRole('button', { name: /^(Import 2 neighbourhood team areas|Replace the neighbourhood team areas)$/ }).click();
    await page.getByTestId('import-outcome').waitFor({ timeout: IMPORT_TIMEOUT });
  });

  it('shows which areas a file will replace before replacing them, and changes nothing on cancel', async () => {
    const [, b = '', c = ''] = await wardCodes();
    const csv = join(scratch, 'npt-second.csv');
    writeFileSync(csv, `area_name,ward_code\nSouth NPT (e2e),${b}\nSouth NPT (e2e),${c}\nWest NPT (e2e),${c}\n`);
    await importPanel();
    await page.getByRole('radio', { name: 'Neighbourhood Policing Teams (NPTs)' }).check();
    await page.getByLabel('File to import').setInputFiles(csv);

    await page.getByRole('button', { name: 'Upload and check' }).click();

    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: IMPORT_TIMEOUT });
    const rows = async (testId: string) => (await preview.getByTestId(testId).locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    expect(await rows('preview-existing')).toEqual([
      ['North NPT (e2e)', '1', 'Removed'],
      ['South NPT (e2e)', '1', 'Wards change'],
    ]);
    expect(await rows('preview-incoming')).toEqual([
      ['South NPT (e2e)', '2', 'Wards change'],
      ['West NPT (e2e)', '1', 'New'],
    ]);
    expect(await preview.textContent()).toContain('Importing replaces all 2 neighbourhood team areas there are now with the 2 neighbourhood team areas in the file; 1 neighbourhood team area will no longer exist. Other kinds of area are not changed.');
    expect(await axeViolations(page)).toEqual([]);

    await preview.getByRole('button', { name: 'Cancel: change nothing' }).click();
    const npts = async () => {
      const body = (await page.evaluate(async () => {
        const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'))!;
        const token = (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
        return (await fetch('/api/staff/geography', { headers: { Authorization: `Bearer ${token}` } })).json();
      })) as { areas: { kind: string; name: string }[] };
      return body.areas.filter((area) => area.kind === 'npt').map((area) => area.name).sort();
    };
    expect(await npts()).toEqual(['North NPT (e2e)', 'South NPT (e2e)']);

    await page.getByRole('button', { name: 'Upload and check' }).click();
    await preview.waitFor({ timeout: IMPORT_TIMEOUT });
    await preview.getByRole('button', { name: 'Replace the neighbourhood team areas' }).click();
    await page.getByTestId('import-outcome').waitFor({ timeout: IMPORT_TIMEOUT });
    expect(await npts()).toEqual(['South NPT (e2e)', 'West NPT (e2e)']);
  });
});
