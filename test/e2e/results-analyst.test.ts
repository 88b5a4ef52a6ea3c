import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalStack } from '@wardpulse/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { startOwnStack } from '../support/own-stack.ts';
import { signInAt } from '../support/staff.ts';
import { type PublicSurvey, getJson } from '../support/public-api.ts';

/**
 * What an analyst reads off the results and geography pages: wards named on both maps (labels
 * where they fit, the name and figure of the ward in focus), comments' themes as key phrases
 * with counts, shares and examples, and the sentiment method named by what it does. The stack
 * seeds the demo surveys without responses, so this file answers "Your Priorities" in two wards
 * with comments residents might write, on a stack of its own so that no other file's answers
 * change which phrases lead.
 */

let stack: LocalStack;
let appUrl: string;
const RESULTS_URL = /\/staff\/surveys\/[0-9a-f-]{36}\/results(\?.*)?$/;

/** Each said by three of the 24 respondents. */
const COMMENTS = [
  'Speeding on Church Road every night.',
  'Drug dealing in the park is getting worse.',
  'I feel fine during the day.',
  'Speeding on Church Road, someone will get hurt.',
  'drug dealing in the park near the flats',
  'Fine in the day but I feel unsafe at night.',
  'Street lights broken on Oak Avenue.',
  'More police patrols please.',
];

let browser: Browser;
let close: () => Promise<void>;
let analyst: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startOwnStack();
  appUrl = stack.apiUrl;
  const { districts } = await getJson<{ districts: { wards: { code: string }[] }[] }>('/api/public/wards', appUrl);
  const wards = districts.flatMap((d) => d.wards.map((w) => w.code)).slice(0, 2);
  const survey = await getJson<PublicSurvey>('/api/public/surveys/your-priorities', appUrl);
  for (let i = 0; i < 24; i++) {
    const answers: Record<string, unknown> = { anything_else: { text: COMMENTS[i % COMMENTS.length] } };
    for (const question of survey.content.questions) {
      if (question.type === 'location') answers[question.id] = { wardCode: wards[i % 2]!, method: 'chosen' };
      else if (question.type === 'ranking' && question.required) answers[question.id] = { ranking: question.options!.slice(0, question.pick).map((o) => o.id) };
    }
    const body = { id: randomUUID(), surveyId: survey.surveyId, version: survey.version, locale: 'en', answers };
    const response = await fetch(`${appUrl}/api/public/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }

  ({ browser, close } = await launchChromium());
  analyst = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await analyst.newPage();
  await signInAt(page, appUrl, 'analyst', '/staff/surveys');
}, 180_000);
afterAll(async () => {
  await analyst?.close();
  await close?.();
  await stack?.stop();
});

describe('results and geography for an analyst', () => {
  it('labels the wards on the results map and names the focused ward with its figure on the map', async () => {
    await page.goto(`${appUrl}/staff/surveys`);
    await page.locator('tr[data-slug="your-priorities"]').getByRole('link', { name: /^Results of / }).click();
    await page.waitForURL(RESULTS_URL);
    const map = page.getByTestId('results-map');
    await expect.poll(() => map.locator('path.res-ward').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    const labels = await map.getByTestId('ward-labels').locator('text').allTextContents();
    // At ward level each ward's accessible name is "<name>: <figure>".
    const names = await map.locator('path.res-ward').evaluateAll((paths) => paths.map((p) => p.getAttribute('aria-label')!.split(': ')[0]!));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(names).toContain(label);

    const first = map.locator('path.res-ward[tabindex="0"]');
    await first.focus();
    const name = (await first.getAttribute('aria-label'))!.split(':')[0]!;
    const tooltip = map.getByTestId('ward-tooltip');
    expect(await tooltip.isVisible()).toBe(true);
    const [tipName, tipFigure] = await tooltip.locator('text').allTextContents();
    expect(name.startsWith(tipName!)).toBe(true);
    expect(tipFigure).toMatch(/^\d+(\.\d)?% of [\d,]+$|^Withheld$|^No responses$|^Not in this view$/);
    expect(await page.getByTestId('map-detail').textContent()).toContain(tipName);

    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(next!.startsWith((await tooltip.locator('text').first().textContent())!)).toBe(true);
    expect(await page.getByRole('link', { name: 'table', exact: true }).getAttribute('href')).toMatch(/^#/);
  });

  it('shows comments’ themes as key phrases with counts, shares and examples, and explains the sentiment method', async () => {
    const comments = page.getByTestId('sentiment-anything_else');
    expect(await comments.getByTestId('sentiment-method').locator('summary').textContent()).toBe('Sentiment: word-list scoring (positive / neutral / negative)');
    expect(await page.locator('body').textContent()).not.toMatch(/vader/i);

    await comments.getByRole('button', { name: 'Themes and quotes for Whole force' }).click();
    // Reading and grouping every comment is real work on a loaded machine: wait for the outcome
    // (insights or an error), then say which it was.
    await comments.locator('[data-testid="text-insights"], [role="alert"]').first().waitFor({ timeout: 45_000 });
    expect(await comments.getByRole('alert').count(), await comments.textContent() ?? '').toBe(0);
    const themes = comments.getByTestId('themes-table');
    await themes.waitFor({ timeout: 5_000 }).catch(async (e: unknown) => { throw new Error(`no themes table: ${await comments.textContent()}`, { cause: e }); });

    const phrases = await themes.locator('tbody th[scope="row"]').evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ''));
    expect(phrases).toEqual(expect.arrayContaining(['speeding on Church Road', 'drug dealing in the park']));
    for (const vague of ['feel', 'day', 'fine', 'night']) expect(phrases).not.toContain(vague);
    const speeding = themes.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^speeding on Church Road/ }) });
    const cells = await speeding.locator('td').allTextContents();
    expect(Number(cells[0])).toBeGreaterThanOrEqual(6);
    expect(cells[1]).toMatch(/^\d+(\.\d)?% \(\d+(\.\d)?–\d+(\.\d)?%\)$/);
    expect(cells[2]).toMatch(/Speeding on Church Road/);

    expect(await axeViolations(page)).toEqual([]);
  });

  it('labels the wards on the geography map and names the focused ward below it', async () => {
    await page.goto(`${appUrl}/staff/geography`);
    const map = page.getByTestId('ward-map');
    await expect.poll(() => map.locator('path.g-ward').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await map.getByTestId('ward-labels').locator('text').count()).toBeGreaterThan(0);

    const first = map.locator('path.g-ward[tabindex="0"]');
    await first.focus();
    const label = (await first.getAttribute('aria-label'))!;
    expect(await page.getByTestId('ward-map-detail').textContent()).toBe(label);
    expect(label.startsWith((await map.getByTestId('ward-tooltip').locator('text').first().textContent())!)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('ward-map-detail').textContent()).not.toBe(label);

    expect(await axeViolations(page)).toEqual([]);
  });
});
