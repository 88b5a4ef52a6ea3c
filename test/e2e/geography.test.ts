import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@wardpulse/dev';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { startOwnStack } from '../support/own-stack.ts';
import { signInAt } from '../support/staff.ts';
import { lookUpPostcode } from '../support/public-api.ts';

/**
 * The Geography page as administrators and analysts meet it: importing Sandwell's real ONS
 * boundaries and postcode lookup through the console, then seeing them. The tests run in order
 * and build on each other. Importing replaces the force's geography, so this file runs on a stack
 * of its own (its own DynamoDB Local, seeded with the demo force): the other browser tests keep
 * the demo wards and Impact Areas whatever order the files run in.
 */

let stack: LocalStack;
let appUrl: string;
const sharedData = (path: string) => fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));
const SANDWELL_WARDS = sharedData('geography/wards_wd25_E08000028.geojson');
const SANDWELL_POSTCODES = sharedData('postcodes/nspl_aug2024_pc_ward_sandwell_E08000028.csv');
const IMPORT_TIMEOUT = 45_000;

let browser: Browser;
let close: () => Promise<void>;
let admin: BrowserContext;
let page: Page;
let scratch: string;

beforeAll(async () => {
  stack = await startOwnStack();
  appUrl = stack.apiUrl;
  ({ browser, close } = await launchChromium());
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await admin.newPage();
  scratch = mkdtempSync(join(tmpdir(), 'wardpulse-geography-e2e-'));
});
afterAll(async () => {
  await admin?.close();
  await close?.();
  await stack?.stop();
});

const wardPaths = (p: Page) => p.locator('[data-testid="ward-map"] path.g-ward');
const outcome = (p: Page) => p.getByTestId('import-outcome');

/** Picks the kind and file, submits, and waits for the import to succeed or fail. */
async function importFile(kind: RegExp, file: string): Promise<void> {
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await page.locator('[data-testid="import-outcome"], [data-testid="import-error"]').first().waitFor({ timeout: IMPORT_TIMEOUT });
}

/** Records every step the import panel shows, so a fast import's progress can still be checked. */
async function recordImportSteps(): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { importSteps: string[] }).importSteps = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-run"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}
const importSteps = () => page.evaluate(() => (window as unknown as { importSteps: string[] }).importSteps);

describe('geography in the staff console', () => {
  it('opens from the console navigation and labels demo geography as such', async () => {
    const { demo } = (await (await fetch(`${appUrl}/api/public/wards`)).json()) as { demo: boolean };
    expect(demo).toBe(true);
    await signInAt(page, appUrl, 'admin');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Geography', exact: true }).click();

    await page.waitForURL(`${appUrl}/staff/geography`);
    await page.getByRole('heading', { level: 1, name: 'Geography' }).waitFor();
    expect(await page.getByRole('link', { name: 'Geography', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toBe('Geography — Staff console — WardPulse');
    await page.getByRole('heading', { name: 'Import geography' }).waitFor();
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
  });

  it('asks for a file before uploading anything', async () => {
    await page.getByRole('radio', { name: /^Ward boundaries/ }).check();

    await page.getByRole('button', { name: 'Upload and import' }).click();

    const summary = page.locator('.s-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose the ward boundaries file to import.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('s-error-summary'))).toBe(true);
    expect(await page.getByLabel('File to import').getAttribute('aria-invalid')).toBe('true');
  });

  it('imports the Sandwell ward boundaries and shows its 24 wards on the map and in the districts', async () => {
    await importFile(/^Ward boundaries/, SANDWELL_WARDS);

    expect(await outcome(page).textContent()).toContain('Sandwell: 24 wards');
    // The demo force also has 24 wards: wait for Sandwell's own map before counting.
    const sohoAndVictoria = wardPaths(page).and(page.locator('[data-code="E05001278"]'));
    await sohoAndVictoria.waitFor({ timeout: 10_000 });
    expect(await sohoAndVictoria.locator('title').textContent()).toBe('Soho and Victoria, Sandwell (E05001278)');
    expect(await wardPaths(page).count()).toBe(24);
    expect(await page.getByRole('group', { name: /^Map of 24 wards in 1 district/ }).count()).toBe(1);
    const sandwell = page.getByTestId('districts').getByRole('row', { name: /Sandwell/ });
    expect(await sandwell.textContent()).toBe('SandwellE0800002824');
    expect(await page.getByTestId('live-vintage').textContent()).toBe('May 2025 (2025-05)');
    expect(await page.getByTestId('wards').locator('tbody tr').count()).toBe(24);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
  });

  it('filters the wards table by district', async () => {
    await page.getByLabel('Show wards in').selectOption({ label: 'Sandwell (24 wards)' });

    expect(await page.getByTestId('ward-count').textContent()).toBe('Showing 24 wards in Sandwell.');
    expect(await page.getByTestId('wards').locator('tbody th').allTextContents()).toContain('West Bromwich Central');
  });

  it('imports ONS’s boundary download (no district columns, other forces’ wards) with the ward to district lookup, keeping the chosen district', async () => {
    // The ONS "Wards (May 2025) Boundaries UK" shape: WD25CD/WD25NM only, West Midlands and West Yorkshire wards.
    const features = ['wards_wd25_wmp.geojson', 'wards_wd25_wyp.geojson'].flatMap((name) => (JSON.parse(readFileSync(sharedData(`geography/${name}`), 'utf8')) as { features: { properties: Record<string, string>; geometry: unknown }[] }).features);
    const boundaries = join(scratch, 'Wards_May_2025_Boundaries_UK_BGC.geojson');
    writeFileSync(boundaries, JSON.stringify({ type: 'FeatureCollection', features: features.map((f, i) => ({ type: 'Feature', properties: { FID: i + 1, WD25CD: f.properties.WD25CD, WD25NM: f.properties.WD25NM, WD25NMW: ' ', GlobalID: `g${i}` }, geometry: f.geometry })) }));
    const lookup = join(scratch, 'WD25_LAD25_UK_LU.csv');
    writeFileSync(lookup, readFileSync(sharedData('geography/wd25_lad25_wmp_wyp.csv')));
    await recordImportSteps();

    await page.getByRole('radio', { name: /^Ward boundaries/ }).check();
    await page.getByLabel('File to import').setInputFiles(boundaries);
    await page.getByLabel(/^Ward to district lookup/).setInputFiles(lookup);
    await page.getByLabel(/districts \(optional\)/).fill('E08000028');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await outcome(page).waitFor({ timeout: IMPORT_TIMEOUT });

    // Each file's upload was shown in turn.
    const steps = await importSteps();
    expect(steps.some((text) => text.includes('Wards_May_2025_Boundaries_UK_BGC.geojson'))).toBe(true);
    expect(steps.some((text) => text.includes('WD25_LAD25_UK_LU.csv'))).toBe(true);
    expect(await outcome(page).textContent()).toContain('Sandwell: 24 wards');
    await expect.poll(() => page.getByTestId('wards').locator('tbody tr').count()).toBe(24);
    expect(await page.getByTestId('districts').getByRole('row', { name: /Sandwell/ }).textContent()).toBe('SandwellE0800002824');
  });

  it('imports the Sandwell postcode lookup, showing upload and processing progress until 9,553 postcodes are kept', async () => {
    await recordImportSteps();
    await page.getByRole('radio', { name: /^Postcode lookup/ }).check();
    await page.getByLabel('File to import').setInputFiles(SANDWELL_POSTCODES);
    // The lookup's month is read from ONS's file name.
    expect(await page.getByLabel('Lookup vintage (optional)').inputValue()).toBe('2024-08');

    await page.getByRole('button', { name: 'Upload and import' }).click();

    // Focus moves from the button to the progress, so a screen reader follows the import.
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('[data-testid="import-run"] h3'))).toBe(true);
    await outcome(page).waitFor({ timeout: IMPORT_TIMEOUT });
    const steps = await importSteps();
    expect(steps.some((text) => text.includes('Step 1 of 2: uploading the file'))).toBe(true);
    expect(steps.some((text) => text.includes('Step 2 of 2'))).toBe(true);
    expect(await page.getByTestId('import-phase').textContent()).toBe('Done');
    expect(await page.getByTestId('import-progress').locator('progress').getAttribute('value')).toBe('100');
    const figures = await outcome(page).textContent();
    expect(figures).toContain('9,553 postcodes kept');
    expect(figures).toContain('Postcodes kept9,553');
    expect(figures).toContain('Ward codes not in the boundary vintage0');
    const resident = await lookUpPostcode<Record<string, unknown>>('B16 0NA', appUrl);
    expect(resident).toMatchObject({ wardCode: 'E05001278', wardName: 'Soho and Victoria', lookupVintage: '2024-08' });
    expect(await page.getByTestId('recent-imports').locator('tbody tr').first().textContent()).toContain('Imported: 9,553 postcodes kept');
  });

  it('imports two Impact Areas of Sandwell wards and lists them with their wards’ names', async () => {
    const csv = join(scratch, 'sandwell-impact-areas.csv');
    writeFileSync(csv, 'area_name,ward_code\nSmethwick Test Area,E05001277\nSmethwick Test Area,E05001278\nTipton Test Area,E05001279\nTipton Test Area,E05001274\n');

    await page.getByRole('radio', { name: /^Impact Areas or NPTs/ }).check();
    await page.getByRole('radio', { name: 'Impact Areas', exact: true }).check();
    await page.getByLabel('File to import').setInputFiles(csv);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('button', { name: /^(Import 2 Impact Areas|Replace the Impact Areas)$/ }).click();
    await outcome(page).waitFor({ timeout: IMPORT_TIMEOUT });

    expect(await outcome(page).textContent()).toContain('2 Impact Areas');
    const areas = page.getByTestId('areas-impact-area');
    await expect.poll(() => areas.getByRole('row', { name: /Smethwick Test Area/ }).textContent()).toBe('Smethwick Test Area2Smethwick, Soho and Victoria');
    expect(await areas.getByRole('row', { name: /Tipton Test Area/ }).textContent()).toBe('Tipton Test Area2Princes End, Tipton Green');
  });

  it('names the problem with a file that is not GeoJSON and keeps the wards it had', async () => {
    const broken = join(scratch, 'wards.geojson');
    writeFileSync(broken, 'WD25CD,WD25NM\nE05001260,Abbey\n');

    await importFile(/^Ward boundaries/, broken);

    const alert = page.getByTestId('import-error');
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('The boundary file is not JSON');
    expect(await alert.textContent()).toContain('boundaries.not_json');
    expect(await page.getByTestId('live-vintage').textContent()).toBe('May 2025 (2025-05)');
    expect(await wardPaths(page).count()).toBe(24);
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can detect, as loaded and after a failed import', async () => {
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => wardPaths(page).count(), { timeout: 10_000 }).toBe(24);
    await page.getByTestId('recent-imports').waitFor();

    expect(await axeViolations(page)).toEqual([]);
  });

  it('reflows at 200 % zoom (640 CSS pixels wide) without scrolling sideways', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    await page.reload();
    await expect.poll(() => wardPaths(page).count(), { timeout: 10_000 }).toBe(24);
    await page.getByTestId('recent-imports').waitFor();

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
  });

  it('shows an analyst the wards, districts and areas but no import panel', async () => {
    const context = await browser.newContext();
    const analyst = await context.newPage();

    await signInAt(analyst, appUrl, 'analyst', '/staff/geography');

    await expect.poll(() => wardPaths(analyst).count(), { timeout: 10_000 }).toBe(24);
    expect(await analyst.getByTestId('districts').textContent()).toContain('Sandwell');
    expect(await analyst.getByTestId('areas-impact-area').textContent()).toContain('Tipton Test Area');
    expect(await analyst.getByRole('heading', { name: 'Import geography' }).count()).toBe(0);
    expect(await analyst.getByLabel('File to import').count()).toBe(0);
    expect(await axeViolations(analyst)).toEqual([]);
    await context.close();
  });
});
