/**
 * The resident app as a resident meets it: a 360 × 640 phone, taps and the keyboard only, real
 * API and DynamoDB Local. Asserts what was stored by reading the stack's own table.
 */
import { createRepositories } from '@wardpulse/data';
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { type PublicSurvey, getJson, lookUpPostcode } from '../support/public-api.ts';

const appUrl = inject('appUrl');
const repositories = createRepositories({ endpoint: inject('dynamoEndpoint'), tables: { main: inject('tableName') } });
const { responses } = repositories;

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
});
afterAll(async () => {
  await close?.();
  repositories.close();
});

/** The seeded "Your Priorities" survey, found through the public API rather than assumed. */
async function yourPriorities(): Promise<PublicSurvey & { slug: string }> {
  const { surveys } = await getJson<{ surveys: { slug: string; title: { en: string } }[] }>('/api/public/surveys');
  const listed = surveys.find((s) => s.title.en === 'Your Priorities, Your Plan');
  expect(listed).toBeDefined();
  const survey = await getJson<PublicSurvey>(`/api/public/surveys/${listed!.slug}`);
  return { ...survey, slug: listed!.slug };
}

/** Responses counted in a ward's aggregates for one survey version. */
async function wardCount(survey: PublicSurvey, wardCode: string): Promise<number> {
  const { main } = await responses.aggregates(survey.surveyId, survey.version);
  return main.get(wardCode)?.n ?? 0;
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true });
const heading = (page: Page) => page.locator('#main h1');

async function expectNoViolations(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
  // Production CSP is style-src 'self': no inline styles (Playwright's screenshots leave an empty one).
  expect(await page.locator('[style]:not([style=""])').evaluateAll((elements) => elements.map((e) => e.outerHTML.slice(0, 120))), `${where}: inline styles`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${where}: horizontal scroll`).toBeLessThanOrEqual(360);
}

describe('resident survey', () => {
  it('completes "Your Priorities" on a phone with taps and the keyboard, storing exactly one response with only the ward', async () => {
    const survey = await yourPriorities();
    const postcode = await lookUpPostcode<{ wardCode: string; wardName: string; districtName: string }>('ZZ1 0AA');
    const before = await wardCount(survey, postcode.wardCode);
    const { context, page } = await phone();

    await page.goto(appUrl);
    const link = page.getByRole('link', { name: 'Your Priorities, Your Plan' });
    await link.waitFor();
    await expectNoViolations(page, 'survey list');
    await link.tap();

    await page.getByRole('button', { name: 'Start now' }).waitFor();
    expect(await heading(page).textContent()).toBe('Your Priorities, Your Plan');
    await expectNoViolations(page, 'intro');
    await page.getByRole('button', { name: 'Start now' }).tap();

    // Location, required: Continue with nothing → GOV.UK error summary, focused, linking to the field.
    await page.getByLabel('Postcode').waitFor();
    expect(await page.locator('.r-caption').textContent()).toBe('Question 1 of 11');
    await continueButton(page).tap();
    const summary = page.locator('.r-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').textContent()).toBe('Enter your postcode or choose your ward');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('r-error-summary'))).toBe(true);
    expect(await page.getByLabel('Postcode').getAttribute('aria-invalid')).toBe('true');
    await expectNoViolations(page, 'error state');
    await summary.getByRole('link').tap();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-area');

    await page.keyboard.type('zz1 0aa');
    await page.keyboard.press('Enter');
    const found = page.locator('.r-found-ward');
    await found.waitFor();
    expect(await found.textContent()).toBe(`You live in ${postcode.wardName}, ${postcode.districtName}`);
    await expectNoViolations(page, 'location page');
    await continueButton(page).tap();

    // Ranking by tap, with an undo that renumbers, and the keyboard for the last pick.
    await page.getByRole('button', { name: 'Drug dealing and drug use' }).tap();
    await page.getByRole('button', { name: 'Burglary' }).tap();
    await page.getByRole('button', { name: 'Anti-social behaviour' }).tap();
    expect(await page.getByRole('button', { name: 'Drug dealing and drug use, ranked 1' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Drug dealing and drug use, ranked 1' }).tap();
    expect(await page.getByRole('button', { name: 'Drug dealing and drug use', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Burglary, ranked 1' }).waitFor();
    await page.getByRole('button', { name: 'Anti-social behaviour, ranked 2' }).waitFor();
    await page.getByRole('button', { name: 'Hate crime' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Hate crime, ranked 3' }).waitFor();
    await expect.poll(() => page.locator('.r-question [aria-live="polite"]').last().textContent()).toBe('Hate crime, ranked 3');
    await page.getByRole('button', { name: 'Fraud and online crime' }).tap();
    expect(await page.getByRole('button', { name: 'Fraud and online crime' }).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.r-count').textContent()).toBe('3 of 3 picked');
    await expectNoViolations(page, 'ranking page');
    await continueButton(page).tap();

    // Likert: the PAS "how safe" scale, with "Don’t know".
    await page.getByLabel('Fairly safe').waitFor();
    expect(await page.getByRole('radio').count()).toBe(5);
    await page.getByLabel('Don’t know').waitFor();
    await expectNoViolations(page, 'likert page');
    await page.getByLabel('Fairly safe').tap();
    await continueButton(page).tap();

    // Multiple choice: "None of these" clears the others, and choosing another clears it.
    await page.getByLabel('A greater sense of community').tap();
    await page.getByLabel('Better street lighting').tap();
    await page.getByLabel('None of these').tap();
    expect(await page.getByLabel('A greater sense of community').isChecked()).toBe(false);
    expect(await page.getByLabel('Better street lighting').isChecked()).toBe(false);
    await page.getByLabel('More CCTV').tap();
    expect(await page.getByLabel('None of these').isChecked()).toBe(false);
    await page.getByLabel('A greater sense of community').tap();
    await continueButton(page).tap();

    await page.getByLabel('Good', { exact: true }).tap();
    await continueButton(page).tap();

    // Optional free text: skipped.
    await page.getByLabel(/Is there anything else you would like to tell us\?/).waitFor();
    expect(await page.locator('.r-count').textContent()).toBe('You have 2,000 characters remaining');
    await continueButton(page).tap();

    await page.getByRole('heading', { name: 'About you' }).waitFor();
    await continueButton(page).tap();
    await page.getByLabel('Prefer not to say').tap();
    for (let i = 0; i < 5; i++) await continueButton(page).tap();

    await page.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    const rows = page.locator('.r-summary__row');
    expect(await rows.filter({ hasText: 'Where do you live?' }).locator('.r-summary__value').textContent()).toBe(`${postcode.wardName}, ${postcode.districtName}`);
    expect(await rows.filter({ hasText: 'Pick your top 3' }).locator('li').allTextContents()).toEqual(['1. Burglary', '2. Anti-social behaviour', '3. Hate crime']);
    expect(await rows.filter({ hasText: 'anything else' }).locator('.r-summary__value').textContent()).toBe('Not answered');
    await page.getByRole('button', { name: 'Send your answers' }).tap();

    await page.getByRole('heading', { name: 'Your answers have been sent' }).waitFor();
    const reference = page.locator('.r-reference');
    const id = (await reference.getAttribute('data-response-id'))!;
    expect(await reference.textContent()).toBe(id.replace(/-/g, '').slice(0, 8).toUpperCase().replace(/^(.{4})/, '$1-'));
    expect(await page.getByText('Thank you. Your answers will help shape the Police and Crime Plan.').isVisible()).toBe(true);
    await expectNoViolations(page, 'receipt page');

    const stored = await responses.get(id);
    expect(stored).toMatchObject({ surveyId: survey.surveyId, version: survey.version, wardCode: postcode.wardCode, locale: 'en' });
    expect(stored!.answers).toEqual({
      area: { wardCode: postcode.wardCode, method: 'postcode' },
      top_priorities: { ranking: ['burglary', 'asb', 'hate_crime'] },
      safe_after_dark: { optionId: 'fairly_safe' },
      feel_safer: { optionIds: ['sense_of_community', 'cctv'] },
      good_job: { optionId: 'good' },
      age_band: { optionId: 'prefer_not_to_say' },
    });
    expect(JSON.stringify(stored)).not.toMatch(/ZZ1/i);
    expect(await page.evaluate(() => JSON.stringify({ ...window.localStorage }))).not.toMatch(/zz1/i);
    await expect.poll(() => wardCount(survey, postcode.wardCode)).toBe(before + 1);
    await context.close();
  });

  it('keeps answers through an offline reload, queues the submission offline and sends it exactly once when back online', async () => {
    const survey = await yourPriorities();
    const { districts } = await getJson<{ districts: { name: string; wards: { code: string; name: string }[] }[] }>('/api/public/wards');
    const ward = districts.at(-1)!.wards.at(-1)!;
    const before = await wardCount(survey, ward.code);
    const { context, page } = await phone();

    await page.goto(`${appUrl}/s/${survey.slug}`);
    await page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Start now' }).tap();
    await page.getByRole('button', { name: 'Choose your ward from a list instead' }).tap();
    await page.getByLabel('Your ward').selectOption(ward.code);
    await continueButton(page).tap();
    await page.getByRole('button', { name: 'Police you can see in your neighbourhood' }).tap();
    await page.getByRole('button', { name: 'Road safety and speeding' }).tap();
    await continueButton(page).tap();
    await page.getByLabel('Very safe').waitFor();

    // Offline: the reload is served by the service worker, and the answers are still there.
    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('Very safe').waitFor();
    expect(page.url()).toBe(`${appUrl}/s/${survey.slug}/q/safe_after_dark`);
    await page.getByRole('link', { name: 'Back' }).tap();
    await page.getByRole('button', { name: 'Police you can see in your neighbourhood, ranked 1' }).waitFor();
    await page.getByRole('button', { name: 'Road safety and speeding, ranked 2' }).waitFor();
    await continueButton(page).tap();
    await page.getByLabel('Very safe').tap();
    for (let i = 0; i < 10; i++) await continueButton(page).tap();
    await page.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    expect(await page.locator('.r-summary__row').first().locator('.r-summary__value').textContent()).toBe(`${ward.name}, ${districts.at(-1)!.name}`);
    await page.getByRole('button', { name: 'Send your answers' }).tap();

    await page.getByRole('heading', { name: 'Saved on this phone' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('You are offline. Your answers are saved on this phone — we’ll send them when you’re back online.');
    await page.getByRole('button', { name: 'Try sending now' }).tap();
    await page.getByRole('button', { name: 'Try sending now' }).waitFor();
    const queued = await page.evaluate(() => Object.entries({ ...window.localStorage }).find(([key]) => key.startsWith('wardpulse:submission:'))!);
    const id = queued[0].slice('wardpulse:submission:'.length);
    const { submission } = JSON.parse(queued[1]) as { submission: Record<string, unknown> };
    expect(submission).toMatchObject({ id, surveyId: survey.surveyId, version: survey.version, website: '' });
    expect(await responses.get(id)).toBeNull();

    // Back online: the `online` event sends it; a manual retry at the same moment must not double it.
    await context.setOffline(false);
    await page
      .getByRole('button', { name: 'Try sending now' })
      .tap({ timeout: 1000 })
      .catch(() => undefined);
    await page.getByRole('heading', { name: 'Your answers have been sent' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.r-reference').getAttribute('data-response-id')).toBe(id);
    // Sent: the phone keeps the reference, not the answers.
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
    expect(stored).toContain(id);
    expect(stored).not.toContain(ward.code);

    // A late retry of the very same body (say, from another tab) is answered as a replay.
    const replay = await fetch(`${appUrl}/api/public/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(submission) });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ id, replayed: true });

    expect(await responses.get(id)).toMatchObject({ id, wardCode: ward.code, answers: { area: { wardCode: ward.code, method: 'chosen' } } });
    expect(await wardCount(survey, ward.code)).toBe(before + 1);
    await context.close();
  });

  it('sends a response exactly once when its first answer is lost, the service is down and the phone reloads before it comes back', async () => {
    const survey = await yourPriorities();
    const { districts } = await getJson<{ districts: { name: string; wards: { code: string; name: string }[] }[] }>('/api/public/wards');
    const ward = districts[0]!.wards.at(-1)!;
    const before = await wardCount(survey, ward.code);
    const { context, page } = await phone();
    const attempts: string[] = [];
    // 1st attempt: stored by the server, but the connection drops before the phone hears so.
    // Then the service is down (503, Retry-After 1) until the test lets it through.
    let down = true;
    await context.route('**/api/public/responses', async (route) => {
      if (attempts.length === 0) {
        attempts.push('stored, answer lost');
        await route.fetch();
        await route.abort('connectionreset');
      } else if (down) {
        attempts.push('503');
        await route.fulfill({ status: 503, headers: { 'retry-after': '1', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'service.busy', message: 'Busy.' } }) });
      } else {
        attempts.push('through');
        await route.continue();
      }
    });

    await page.goto(`${appUrl}/s/${survey.slug}`);
    await page.getByRole('button', { name: 'Start now' }).tap();
    await page.getByRole('button', { name: 'Choose your ward from a list instead' }).tap();
    await page.getByLabel('Your ward').selectOption(ward.code);
    await continueButton(page).tap();
    await page.getByRole('button', { name: 'Road safety and speeding' }).tap();
    await continueButton(page).tap();
    await page.getByLabel('Fairly safe').tap();
    for (let i = 0; i < 10; i++) await continueButton(page).tap();
    await page.getByRole('button', { name: 'Send your answers' }).tap();
    await page.getByRole('heading', { name: 'Saved on this phone' }).waitFor();
    await expect.poll(() => attempts.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const id = await page.evaluate(() => Object.keys({ ...window.localStorage }).find((key) => key.startsWith('wardpulse:submission:'))!.slice('wardpulse:submission:'.length));
    // The server has it once already; the phone does not know.
    expect(await responses.get(id)).toMatchObject({ id, wardCode: ward.code });

    // The resident gives up waiting and reloads, still during the outage: the queue survives.
    await page.reload();
    await page.getByRole('heading', { name: 'Saved on this phone' }).waitFor();
    await expect.poll(() => attempts.filter((attempt) => attempt === '503').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    down = false;
    await page.getByRole('heading', { name: 'Your answers have been sent' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.r-reference').getAttribute('data-response-id')).toBe(id);
    expect(attempts.filter((attempt) => attempt === 'through')).toHaveLength(1);
    expect(await wardCount(survey, ward.code)).toBe(before + 1);
    const left = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
    expect(left).not.toContain(ward.code);
    await context.close();
  });

  it('switches to Urdu with a right-to-left layout, and counts in Polish plurals', async () => {
    const survey = await yourPriorities();
    const { context, page } = await phone();

    await page.goto(`${appUrl}/s/${survey.slug}`);
    await page.getByRole('button', { name: 'اردو' }).tap();

    await page.getByRole('heading', { name: 'آپ کی ترجیحات، آپ کا منصوبہ' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    await page.getByRole('button', { name: 'ابھی شروع کریں' }).tap();
    await page.getByRole('heading', { name: 'آپ کہاں رہتے ہیں؟' }).waitFor();
    expect(await page.locator('.r-caption').textContent()).toBe('سوال 1 از 11');
    await page.screenshot({ path: '/tmp/wardpulse-resident-urdu.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoViolations(page, 'Urdu location page');

    await page.getByRole('button', { name: 'Polski' }).tap();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('.r-caption').textContent()).toBe('Pytanie 1 z 11');
    await page.getByRole('link', { name: 'Wstecz' }).tap();
    expect(await page.locator('.r-facts li').first().textContent()).toBe('11 pytań');
    await context.close();
  });
});
