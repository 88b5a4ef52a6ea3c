import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';
import { type PublicSurvey, getJson } from '../support/public-api.ts';

/**
 * The Results page as an analyst meets it: headline and disclosure rule, the ward map with its
 * legend and table, keyboard access to the map, choices kept in the address, charts and comments,
 * wave-on-wave change, an export and accessibility. The e2e stack seeds the demo surveys without
 * responses, so this file answers them first, as residents would, through the public API: a few
 * wards well above the disclosure threshold and a few below it, and two Impact Area waves with a
 * clear change in "how good a job". The stack is shared (other files import other wards and add
 * responses), so the tests assert on what holds whatever else is there, never on exact counts;
 * within this file they run in order and build on each other.
 */

const appUrl = inject('appUrl');
const RESULTS_URL = /\/staff\/surveys\/[0-9a-f-]{36}\/results(\?.*)?$/;
const WITHHELD = /^Withheld \((fewer than 10|to protect another figure)\)$/;

let browser: Browser;
let close: () => Promise<void>;
let analyst: BrowserContext;
let page: Page;

/**
 * Submits responses to a demo survey through the public API: the questions it requires (ward,
 * ranking) answered plainly, plus `extra` answers for response `i`.
 */
async function answer(slug: string, wards: readonly string[], extra: (i: number) => Record<string, unknown>): Promise<void> {
  const survey = await getJson<PublicSurvey>(`/api/public/surveys/${slug}`);
  const submit = async (i: number) => {
    const answers: Record<string, unknown> = {};
    for (const question of survey.content.questions) {
      if (question.type === 'location') answers[question.id] = { wardCode: wards[i]!, method: 'chosen' };
      else if (question.type === 'ranking' && question.required) answers[question.id] = { ranking: question.options!.slice(0, question.pick).map((o) => o.id) };
    }
    const body = { id: randomUUID(), surveyId: survey.surveyId, version: survey.version, locale: 'en', answers: { ...answers, ...extra(i) } };
    const response = await fetch(`${appUrl}/api/public/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  };
  const queue = wards.map((_, i) => i);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) await submit(i);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

const REMARKS = ['More patrols in the evening would help older people feel safe.', 'Speeding on the main road is dangerous.', 'Thank you to the local team, they were really helpful.'];
/** "How good a job": wave 1 mostly fair to very poor, wave 2 mostly excellent or good; every answer at least 10 times. */
const GOOD_JOB = {
  1: [...Array<string>(12).fill('excellent'), ...Array<string>(12).fill('good'), ...Array<string>(32).fill('fair'), ...Array<string>(32).fill('poor'), ...Array<string>(32).fill('very_poor')],
  2: [...Array<string>(50).fill('excellent'), ...Array<string>(40).fill('good'), ...Array<string>(10).fill('fair'), ...Array<string>(10).fill('poor'), ...Array<string>(10).fill('very_poor')],
};

beforeAll(async () => {
  const { districts } = await getJson<{ districts: { wards: { code: string }[] }[] }>('/api/public/wards');
  const wards = (districts.find((d) => d.wards.length >= 8) ?? districts[0]!).wards.map((w) => w.code);
  // Your Priorities: four wards with 15 responses each (shown), four with 3 (withheld).
  const priorities = wards.slice(0, 8).flatMap((code, w) => Array<string>(w < 4 ? 15 : 3).fill(code));
  await answer('your-priorities', priorities, (i) => ({
    top_priorities: { ranking: i % 5 === 0 ? ['drugs', 'burglary', 'violence'] : ['asb', 'drugs', 'burglary'] },
    anything_else: { text: REMARKS[i % REMARKS.length] },
  }));
  // Impact Area survey: 120 responses a wave over every ward.
  for (const wave of [1, 2] as const) {
    await answer(`impact-area-wave-${wave}`, GOOD_JOB[wave].map((_, i) => wards[i % wards.length]!), (i) => ({ good_job: { optionId: GOOD_JOB[wave][i] } }));
  }
  // Each response updates its ward's counters in DynamoDB Local one at a time: about a minute.
}, 300_000);

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  analyst = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await analyst.newPage();
  await signInAt(page, appUrl, 'analyst', '/staff/surveys');
});
afterAll(async () => {
  await analyst?.close();
  await close?.();
});

/** Opens a demo survey's results from the survey list. */
async function openResults(slug: string): Promise<void> {
  await page.goto(`${appUrl}/staff/surveys`);
  const row = page.locator(`tr[data-slug="${slug}"]`);
  await row.getByRole('link', { name: /^Results of / }).click();
  await page.waitForURL(RESULTS_URL);
  await page.getByTestId('results-headline').waitFor();
}

const wardPaths = (p: Page) => p.locator('[data-testid="results-map"] path.res-ward');
const tableRows = (p: Page) => p.getByTestId('results-table').locator('tbody tr');

describe('survey results', () => {
  it('opens “Your Priorities” results from the survey list with its headline figures and disclosure rule', async () => {
    await openResults('your-priorities');

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Results: Your Priorities, Your Plan');
    await expect.poll(() => page.title()).toBe('Results: Your Priorities, Your Plan — Staff console — WardPulse');
    const responses = Number((await page.getByTestId('results-responses').textContent())!.replace(/,/g, ''));
    expect(responses).toBeGreaterThan(0);
    expect(await page.getByTestId('results-vintages').textContent()).toMatch(/\(\d{4}-\d{2}\)/);
    expect(await page.getByTestId('disclosure').textContent()).toContain('Figures based on fewer than 10 respondents are withheld');
  });

  it('maps the wards with a legend of classes, withheld and no responses, and lists them in the table beside it', async () => {
    await expect.poll(() => wardPaths(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: /^Map of \d+ wards coloured by the share answering/ }).count()).toBe(1);
    const legend = await page.getByTestId('map-legend').locator('li').allTextContents();
    expect(legend.some((item) => /^\d+(\.\d)?% to (under )?\d+(\.\d)?%$/.test(item))).toBe(true);
    expect(legend).toContain('No responses');
    expect(legend.some((item) => item.startsWith('Withheld'))).toBe(true);

    const shown = tableRows(page).and(page.locator('[data-status="shown"]'));
    const withheld = tableRows(page).and(page.locator('[data-status="withheld"]'));
    expect(await shown.count()).toBeGreaterThan(0);
    expect(await shown.first().locator('td').nth(2).textContent()).toMatch(/^\d+(\.\d)?–\d+(\.\d)?%$/);
    expect(await withheld.count()).toBeGreaterThan(0);
    for (const row of await withheld.all()) {
      expect(await row.locator('td').nth(1).textContent()).toBe('Withheld');
      expect(await row.locator('td').nth(3).textContent()).toMatch(WITHHELD);
    }
    // Every ward drawn as withheld is withheld in the table too.
    const hatched = await page.locator('[data-testid="results-map"] path[data-fill="withheld"]').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code')));
    for (const code of hatched) expect(await tableRows(page).and(page.locator(`[data-code="${code}"]`)).getAttribute('data-status')).toBe('withheld');
  });

  it('shows a ward’s figures when it is focused, moving from ward to ward with the arrow keys', async () => {
    const first = page.locator('[data-testid="results-map"] path.res-ward[tabindex="0"]');
    await first.focus();

    const label = await first.getAttribute('aria-label');
    expect(await page.getByTestId('map-detail').textContent()).toBe(label);
    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(next).not.toBe(label);
    expect(await page.getByTestId('map-detail').textContent()).toBe(next);
  });

  it('keeps the chosen level and question in the address, so a link opens the same view', async () => {
    await page.getByLabel('Level', { exact: true }).selectOption({ label: 'Districts' });
    await page.getByLabel('Question', { exact: true }).selectOption({ value: 'safe_after_dark' });

    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('district');
    expect(new URL(page.url()).searchParams.get('question')).toBe('safe_after_dark');
    await page.reload();
    await page.getByTestId('results-table').waitFor();
    expect(await page.getByLabel('Level', { exact: true }).inputValue()).toBe('district');
    expect(await page.getByLabel('Show the share answering', { exact: true }).inputValue()).toBe('_top2');
    expect(await page.getByTestId('results-table').locator('caption').textContent()).toContain('Districts: share answering “Top two');
  });

  it('shows the force-wide bars with intervals for every question, and comments’ themes on request', async () => {
    // This file answers only the ranking and the comments of Your Priorities; other e2e files on
    // the same stack may answer the rest, so a question's first bar says "No responses", is
    // withheld, or shows a share with its interval, never an empty or bare figure.
    const chart = page.getByTestId('chart-safe_after_dark');
    expect(await chart.getByRole('heading', { level: 3 }).textContent()).toContain('How safe do you feel walking alone');
    expect(await chart.locator('.res-bar-value').first().textContent()).toMatch(/^(No responses|Withheld \(fewer than \d+\)|\d+(\.\d)?% \(\d+(\.\d)?–\d+(\.\d)?%\))/);
    const ranking = page.getByTestId('chart-top_priorities');
    expect(await ranking.locator('.res-bar-value').first().textContent()).toMatch(/^\d+(\.\d)?% \(\d+(\.\d)?–\d+(\.\d)?%\)/);

    const comments = page.getByTestId('sentiment-anything_else');
    await comments.getByRole('button', { name: 'Themes and quotes for Whole force' }).click();

    const insights = comments.getByTestId('text-insights');
    await insights.waitFor();
    expect(await insights.textContent()).toMatch(/read [\d,]+ comments/);
    expect(await comments.getByRole('button', { name: 'Themes and quotes for Whole force' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('compares Impact Area wave 2 with wave 1, marking significant changes in words, with either adjustment', async () => {
    await openResults('impact-area-wave-2');
    await page.getByLabel('Level', { exact: true }).selectOption({ label: 'Whole force' });
    await page.getByLabel('Question', { exact: true }).selectOption({ value: 'good_job' });

    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'Wave 1: Policing in your neighbourhood (published)' });

    const summary = page.getByTestId('compare-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^[1-9]\d* significant changes? out of \d+ comparable figures, wave 1 to wave 2 \(Holm adjustment/);
    const significant = page.getByTestId('change-table').locator('tbody tr[data-significant="true"]');
    expect(await significant.first().locator('td').last().textContent()).toMatch(/^(▲ Yes, up|▼ Yes, down)$/);
    expect(await significant.first().locator('td').nth(3).textContent()).toMatch(/^[+−]\d+\.\d pp$/);
    expect(new URL(page.url()).searchParams.get('compare')).toMatch(/^[0-9a-f-]{36}$/);

    await page.getByRole('radio', { name: /^Benjamini–Hochberg/ }).check();

    await expect.poll(() => summary.textContent()).toContain('(Benjamini–Hochberg adjustment');
    expect(new URL(page.url()).searchParams.get('adjust')).toBe('bh');
  });

  it('exports the results as CSV, showing progress and then a link to the file', async () => {
    await page.getByRole('button', { name: 'Results CSV', exact: true }).click();

    const download = page.getByTestId('export-download');
    await download.waitFor({ timeout: 30_000 });
    expect(await download.textContent()).toMatch(/^Download impact-area-wave-2-results-force-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await download.getAttribute('href')).toMatch(/^blob:/);
    const csv = await download.evaluate(async (link) => (await fetch((link as HTMLAnchorElement).href)).text());
    expect(csv.split('\n')[0]).toMatch(/level|unit/i);
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can detect, at ward level and after comparing', async () => {
    expect(await axeViolations(page)).toEqual([]);

    await openResults('your-priorities');
    await expect.poll(() => wardPaths(page).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    expect(await axeViolations(page)).toEqual([]);
  });
});
