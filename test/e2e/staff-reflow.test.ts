import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';
import { type PublicSurvey, getJson } from '../support/public-api.ts';

/**
 * The staff console on a phone (WCAG 1.4.10 Reflow): every console page, at 320 and 390 px wide,
 * fits the screen without scrolling sideways. Nothing sticks out past the right edge unless it
 * is inside a scroller that is a focusable, named region (a wide data table); lists become
 * stacked rows; the navigation folds behind a Menu button. An administrator sees every page.
 * The e2e stack seeds the demo surveys without responses, so this file answers "Your
 * Priorities" and both Impact Area waves a dozen times in one ward first, so the results page
 * has shown figures, charts, comments with themes and a wave-on-wave table.
 */

const appUrl = inject('appUrl');
const WIDTHS = [320, 390] as const;

let browser: Browser;
let close: () => Promise<void>;
let admin: BrowserContext;
let page: Page;
const ids: { priorities: string; waveTwo: string; message: string; draft: string } = { priorities: '', waveTwo: '', message: '', draft: '' };

const COMMENTS = ['More patrols in the evening would help older people feel safe.', 'Speeding on the main road is dangerous near the school.', 'Thank you to the local team, the evening patrols really helped.'];

/** Twelve residents of one ward answer a demo survey (its required questions plainly, plus `extra`); returns its id. */
async function answerTwelve(slug: string, extra: (i: number) => Record<string, unknown>): Promise<string> {
  const { districts } = await getJson<{ districts: { wards: { code: string }[] }[] }>('/api/public/wards');
  const ward = districts[0]!.wards[0]!.code;
  const survey = await getJson<PublicSurvey>(`/api/public/surveys/${slug}`);
  for (let i = 0; i < 12; i++) {
    const answers: Record<string, unknown> = {};
    for (const question of survey.content.questions) {
      if (question.type === 'location') answers[question.id] = { wardCode: ward, method: 'chosen' };
      else if (question.type === 'ranking' && question.required) answers[question.id] = { ranking: question.options!.slice(0, question.pick).map((o) => o.id) };
    }
    const body = { id: randomUUID(), surveyId: survey.surveyId, version: survey.version, locale: 'en', answers: { ...answers, ...extra(i) } };
    const response = await fetch(`${appUrl}/api/public/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }
  return survey.surveyId;
}

/**
 * Runs in the page. Lists what reaches past the viewport's right edge, outermost first, as a
 * short selector. Content cut off by an ancestor with `overflow-x: hidden/clip` does not widen
 * the page; content inside an ancestor that scrolls sideways counts only when that scroller is a
 * focusable, named region (otherwise the scroller is reported, as a keyboard user cannot reach
 * it). An absolutely positioned box escapes every clip below its containing block, as it does in
 * CSS, so visually hidden text in a table cell is checked too.
 */
function findOverflow(): { viewport: number; scrollWidth: number; offenders: string[] } {
  const viewport = window.innerWidth;
  const limit = viewport + 1;
  const selectorOf = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const testId = e.getAttribute('data-testid');
      const suffix = testId ? `[data-testid="${testId}"]` : e.id ? `#${e.id}` : e.classList.length ? `.${[...e.classList].join('.')}` : '';
      parts.unshift(`${e.tagName.toLowerCase()}${suffix}`);
    }
    return parts.join(' > ');
  };
  const isRegion = (el: Element) => el.getAttribute('role') === 'region' && el.getAttribute('tabindex') === '0' && Boolean(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
  const badScrollers = new Set<Element>();
  /** Whether an ancestor that contains `start`'s box clips it (scrolls or hides it). */
  const isClipped = (start: Element, includeSelf: boolean): boolean => {
    const clips = (el: Element) => {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === 'visible') return false;
      if ((overflow === 'auto' || overflow === 'scroll') && !isRegion(el)) badScrollers.add(el);
      return true;
    };
    if (includeSelf && clips(start)) return true;
    for (let el: Element | null = start; el && el !== document.body; ) {
      const position: string = getComputedStyle(el).position;
      if (position === 'fixed') return false;
      const parent: Element | null = position === 'absolute' ? (el as HTMLElement).offsetParent : el.parentElement;
      if (!parent || parent === document.body || parent === document.documentElement) return false;
      if (clips(parent)) return true;
      el = parent;
    }
    return false;
  };
  const out = new Map<Element, number>();
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if ((box.width === 0 && box.height === 0) || box.right <= limit) continue;
    if (!isClipped(el, false)) out.set(el, box.right);
  }
  // A long word overflows its element without widening the element's box: check the text too.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim()) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.right > limit && !isClipped(parent, true) && !out.has(parent)) out.set(parent, box.right);
  }
  const offenders = [...out].filter(([el]) => !el.parentElement || !out.has(el.parentElement)).map(([el, right]) => `${selectorOf(el)} (right edge at ${Math.round(right)} px)`);
  for (const el of badScrollers) if (el.scrollWidth > el.clientWidth + 1) offenders.push(`${selectorOf(el)} scrolls sideways but is not a focusable, named region`);
  return { viewport, scrollWidth: document.documentElement.scrollWidth, offenders: [...new Set(offenders)] };
}

async function expectReflow(name: string, width: number): Promise<void> {
  const { viewport, scrollWidth, offenders } = await page.evaluate(findOverflow);
  expect(viewport).toBe(width);
  expect(offenders, `${name} at ${width} px: these stick out past the right edge`).toEqual([]);
  expect(scrollWidth, `${name} at ${width} px is wider than the screen`).toBeLessThanOrEqual(viewport + 1);
}

const heading = (p: Page) => p.getByRole('heading', { level: 1 }).waitFor();

/** Every console page (and the results panels that open on request), with what shows it is ready. */
// The dashboard and sign-up counts add up every message and sign-up, slowly on a busy machine.
const SLOW = 120_000;

const PAGES: { name: string; path: () => string; ready: (p: Page) => Promise<void> }[] = [
  { name: 'home', path: () => '/staff', ready: heading },
  { name: 'surveys list', path: () => '/staff/surveys', ready: (p) => p.getByTestId('survey-list').waitFor() },
  { name: 'new survey', path: () => '/staff/surveys/new', ready: heading },
  { name: 'survey editor', path: () => `/staff/surveys/${ids.priorities}`, ready: (p) => p.getByTestId('version-history').waitFor() },
  {
    name: 'survey editor: translations',
    path: () => `/staff/surveys/${ids.priorities}`,
    ready: async (p) => {
      await p.getByRole('button', { name: /^Translations/ }).click();
      await p.locator('.sv-tr-group').first().waitFor();
    },
  },
  { name: 'survey editor with a draft', path: () => `/staff/surveys/${ids.draft}`, ready: (p) => p.getByRole('button', { name: 'Add question' }).waitFor() },
  {
    name: 'results with themes and quotes',
    path: () => `/staff/surveys/${ids.priorities}/results`,
    ready: async (p) => {
      await p.getByTestId('results-table').waitFor();
      await p.locator('[data-testid="results-map"] path.res-ward').first().waitFor();
      await p.getByRole('button', { name: 'Themes and quotes for Whole force' }).click();
      await p.getByTestId('text-insights').waitFor();
    },
  },
  {
    name: 'results: wave on wave and an export',
    path: () => `/staff/surveys/${ids.waveTwo}/results`,
    ready: async (p) => {
      await p.getByTestId('results-table').waitFor();
      const compareWith = p.getByLabel('Compare with', { exact: true });
      await compareWith.selectOption((await compareWith.locator('option', { hasText: /^Wave 1\b/ }).getAttribute('value'))!);
      await p.getByTestId('compare-summary').waitFor();
      await p.getByRole('button', { name: 'Results CSV', exact: true }).click();
      await p.getByTestId('export-download').waitFor({ timeout: 30_000 });
    },
  },
  { name: 'geography', path: () => '/staff/geography', ready: (p) => p.getByTestId('wards').waitFor() },
  { name: 'messages list', path: () => '/staff/messages', ready: (p) => p.getByTestId('message-list').waitFor() },
  { name: 'message composer', path: () => '/staff/messages/new', ready: (p) => p.locator('.ms-readability').waitFor() },
  { name: 'a sent message', path: () => `/staff/messages/${ids.message}`, ready: heading },
  { name: 'messages dashboard', path: () => '/staff/messages/dashboard', ready: (p) => p.getByTestId('kpi-table').first().waitFor({ timeout: SLOW }) },
  { name: 'sign-up counts', path: () => '/staff/messages/signups', ready: (p) => p.getByTestId('signup-counts').waitFor({ timeout: SLOW }) },
  { name: 'outbox', path: () => '/staff/messages/outbox', ready: heading },
  { name: 'settings', path: () => '/staff/settings', ready: (p) => p.getByRole('button', { name: 'Save settings' }).waitFor() },
  { name: 'audit trail', path: () => '/staff/audit', ready: heading },
];

beforeAll(async () => {
  ids.priorities = await answerTwelve('your-priorities', (i) => ({ anything_else: { text: COMMENTS[i % COMMENTS.length] } }));
  await answerTwelve('impact-area-wave-1', (i) => ({ good_job: { optionId: i < 8 ? 'poor' : 'good' } }));
  ids.waveTwo = await answerTwelve('impact-area-wave-2', (i) => ({ good_job: { optionId: i < 8 ? 'good' : 'poor' } }));
  ({ browser, close } = await launchChromium());
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await admin.newPage();
  await signInAt(page, appUrl, 'admin', '/staff/surveys/new');
  await page.getByLabel('Link name').fill(`reflow-${randomUUID().slice(0, 8)}`);
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.waitForURL(/\/staff\/surveys\/[0-9a-f-]{36}$/);
  ids.draft = new URL(page.url()).pathname.split('/').at(-1)!;
  await page.goto(`${appUrl}/staff/messages`);
  ids.message = new URL(await page.getByTestId('message-list').locator('tbody tr th a').first().evaluate((a) => (a as HTMLAnchorElement).href)).pathname.split('/').at(-1)!;
}, 120_000);
afterAll(async () => {
  await admin?.close();
  await close?.();
});

describe('the staff console on a phone', () => {
  for (const width of WIDTHS) {
    for (const { name, path, ready } of PAGES) {
      it(`fits the ${name} page into ${width} px without scrolling sideways`, { timeout: 3 * SLOW }, async () => {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${appUrl}${path()}`, { timeout: SLOW });
        await ready(page);

        await expectReflow(name, width);
      });
    }
  }

  it('folds the navigation behind a Menu button that opens, leads to a page and closes again', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${appUrl}/staff/surveys`);
    const menu = page.getByRole('button', { name: 'Menu: Surveys' });
    const nav = page.getByRole('navigation', { name: 'Console' });

    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('link', { name: 'Messages' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Messages' }).click();

    await page.waitForURL(`${appUrl}/staff/messages`);
    await expect.poll(() => page.getByRole('button', { name: 'Menu: Messages' }).getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('link', { name: 'Geography' }).isVisible()).toBe(false);
  });

  it('closes the open menu on Escape and returns focus to its button', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${appUrl}/staff`);
    const menu = page.getByRole('button', { name: 'Menu: Home' });
    await menu.click();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Surveys' }).focus();

    await page.keyboard.press('Escape');

    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu: Home');
  });

  it('shows the links in a row, without the Menu button, on a laptop', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${appUrl}/staff`);

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Surveys' }).waitFor({ state: 'visible' });

    expect(await page.getByRole('button', { name: /^Menu/ }).isVisible()).toBe(false);
  });

  it('reads the survey list as stacked rows at 320 px, each figure labelled', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${appUrl}/staff/surveys`);
    const row = page.locator('tr[data-slug="your-priorities"]');
    await row.waitFor();

    const wave = row.locator('td[data-label="Wave"]');
    expect(await wave.evaluate((td) => getComputedStyle(td).display)).toBe('block');
    expect(await wave.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Wave: "');
    await page.screenshot({ path: '/tmp/wardpulse-staff-surveys-320.png', fullPage: true });
  });

  it('keeps the surveys and results pages accessible at 320 px (axe)', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/staff/surveys', `/staff/surveys/${ids.priorities}/results`]) {
      await page.goto(`${appUrl}${path}`);
      await page.locator('[data-testid="survey-list"], [data-testid="results-table"]').first().waitFor();
      await page.getByRole('button', { name: /^Menu/ }).click();

      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.screenshot({ path: '/tmp/wardpulse-staff-results-320.png', fullPage: true });
  });
});
