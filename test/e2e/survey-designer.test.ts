import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';

/**
 * The survey designer as officers and analysts meet it: create from a template, add and reorder
 * a question by keyboard, translations blocking publication, publish, a new version, the next
 * wave, a stale save, read-only access and accessibility. The tests run in order and build on
 * each other; the stack also holds the demo surveys and other test files' data.
 */

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const slug = `e2e-priorities-${run}`;
const nextWaveSlug = `e2e-priorities-${run}-w2`;

let browser: Browser;
let close: () => Promise<void>;
let officer: BrowserContext;
let page: Page;
let surveyPath = '';

async function signIn(p: Page, username: string, password = 'wardpulse-demo') {
  await p.goto(`${appUrl}/staff`);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByLabel('Username').fill(username);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(`${appUrl}/staff`);
}

async function openSurveys(p: Page) {
  await p.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Surveys' }).click();
  await p.getByTestId('survey-list').waitFor();
}

const saveState = (p: Page) => p.getByTestId('save-state').textContent();
const status = (p: Page) => p.getByTestId('survey-status').textContent();
const activeLabel = (p: Page) => p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

async function publicSurvey(s: string) {
  const response = await fetch(`${appUrl}/api/public/surveys/${s}`);
  return { status: response.status, body: (await response.json()) as { version: number; open: boolean; targeting: { scope: string }; content: { locales: string[]; questions: { id: string; type: string; title: Record<string, string>; options?: { id: string; label: Record<string, string> }[] }[] } } };
}

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  officer = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await officer.newPage();
  await signIn(page, 'officer');
});
afterAll(async () => {
  await officer?.close();
  await close?.();
});

describe('survey designer', () => {
  it('lists the demo surveys with their status and public link', async () => {
    await openSurveys(page);

    const row = page.locator('tr[data-slug="impact-area-wave-2"]');
    expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^Published version 1/);
    expect(await row.getByRole('link', { name: '/s/impact-area-wave-2' }).getAttribute('href')).toBe('/s/impact-area-wave-2');
    await expect.poll(() => row.getByRole('rowheader').textContent()).toBe('Policing in your neighbourhood');
  });

  it('creates a survey from “Your Priorities”, refusing a link name already taken', async () => {
    await page.getByRole('link', { name: 'Create a survey' }).click();
    await page.getByRole('radio', { name: /Your Priorities/ }).check();

    await page.getByRole('radio', { name: /Blank survey/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Link name').fill('your-priorities');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent()).toContain('already used');
    expect(await page.getByLabel('Link name').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Link name').fill(slug);
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.waitForURL(/\/staff\/surveys\/[0-9a-f-]{36}$/);
    surveyPath = new URL(page.url()).pathname;

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your Priorities, Your Plan');
    expect(await status(page)).toBe('Draft (version 1, not yet published)');
    expect(await saveState(page)).toBe('All changes saved');
  });

  it('targets the survey at an Impact Area, asking for one before it saves', async () => {
    await page.getByRole('radio', { name: 'Some Impact Areas or neighbourhood teams' }).check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.getByTestId('error-summary').textContent()).toContain('Choose at least one area, or the whole force.');

    await page.getByRole('group', { name: 'Areas' }).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Save draft' }).click();

    await expect.poll(() => saveState(page)).toBe('All changes saved');
    expect(await page.getByTestId('error-summary').count()).toBe(0);
    await page.reload();
    expect(await page.getByRole('radio', { name: 'Some Impact Areas or neighbourhood teams' }).isChecked()).toBe(true);
  });

  it('adds a single-choice question and moves it up with the keyboard alone', async () => {
    const count = await page.getByTestId('question-list').getByRole('listitem').count();
    await page.getByLabel('Question type').selectOption('single');
    await page.getByLabel('New question (English)').fill('Have you seen a police officer in your area this month?');
    await page.getByRole('button', { name: 'Add question' }).click();
    const editor = page.getByTestId('question-editor');
    expect(await editor.getByRole('heading', { level: 2 }).textContent()).toContain(`Question ${count + 1} of ${count + 1}`);
    expect(await editor.locator('.sv-id code').first().textContent()).toBe('have_you_seen_a_police_officer_in');

    const newOption = page.getByLabel('New option (English)');
    await newOption.focus();
    await page.keyboard.type('Yes');
    await page.keyboard.press('Enter');
    await page.keyboard.type('No');
    await page.keyboard.press('Enter');
    expect(await editor.locator('.sv-option .sv-id code').allTextContents()).toEqual(['yes', 'no']);
    expect(await saveState(page)).toBe('Unsaved changes');

    await page.getByRole('button', { name: `Move up, question ${count + 1}` }).focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Enter');

    expect(await activeLabel(page)).toBe(`Move up, question ${count - 5}`);
    expect(await editor.getByRole('heading', { level: 2 }).textContent()).toContain(`Question ${count - 5} of ${count + 1}`);
    expect(await page.getByTestId('question-list').getByRole('listitem').nth(count - 6).textContent()).toContain('Have you seen a police officer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await activeLabel(page)).toBe(`Move down, question ${count - 4}`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await editor.getByRole('heading', { level: 2 }).textContent()).toContain(`Question ${count - 5} of ${count + 1}`);
  });

  it('shows the missing Urdu and Polish translations and will not publish until they are added', async () => {
    const checks = page.getByTestId('checks');
    await expect.poll(() => checks.textContent()).toContain('add the Urdu and Polish translations (6 missing)');

    await page.getByRole('button', { name: /^Publish version 1/ }).click();

    await expect.poll(() => checks.getByRole('heading').textContent()).toBe('Fix this problem before publishing');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('checks');
    expect(await page.locator('dialog[open]').count()).toBe(0);
  });

  it('fills the translations (Urdu right to left), saves and publishes version 1', async () => {
    await page.getByTestId('checks').getByRole('link').first().click();
    await page.getByTestId('translations-view').waitFor();
    expect(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.getAttribute('lang'), document.activeElement?.getAttribute('dir')])).toEqual(['TEXTAREA', 'ur', 'rtl']);

    const urdu = { 'Have you seen a police officer in your area this month?': 'کیا آپ نے اس مہینے اپنے علاقے میں کسی پولیس افسر کو دیکھا ہے؟', Yes: 'ہاں', No: 'نہیں' };
    const polish = { 'Have you seen a police officer in your area this month?': 'Czy w tym miesiącu widziałeś/aś policjanta w swojej okolicy?', Yes: 'Tak', No: 'Nie' };
    const missing = page.locator('textarea[data-missing="true"]');
    expect(await missing.count()).toBe(6);
    while ((await missing.count()) > 0) {
      const box = missing.first();
      const source = (await page.locator(`#${await box.getAttribute('aria-describedby')} [lang="en"]`).textContent()) as keyof typeof urdu;
      await box.fill(((await box.getAttribute('lang')) === 'ur' ? urdu : polish)[source]);
    }
    expect(await page.getByTestId('missing-counts').textContent()).toBe('Urdu: all translatedPolish: all translated');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => saveState(page)).toBe('All changes saved');
    expect(await page.getByTestId('checks').textContent()).toContain('ready to publish');

    await page.getByRole('button', { name: 'Publish version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 1?' });
    expect(await dialog.textContent()).toContain('frozen');
    await dialog.getByRole('button', { name: 'Publish version 1' }).click();

    await expect.poll(() => status(page)).toBe('Published version 1');
    expect(await page.getByTestId('notice').textContent()).toContain('Published version 1');
    expect(await page.getByTestId('version-history').getByRole('row').count()).toBe(2);
    const { status: code, body } = await publicSurvey(slug);
    expect(code).toBe(200);
    expect(body.version).toBe(1);
    expect(body.targeting.scope).toBe('areas');
    const question = body.content.questions.find((q) => q.id === 'have_you_seen_a_police_officer_in');
    expect(question?.type).toBe('single');
    expect(question?.options?.map((o) => [o.id, o.label.ur])).toEqual([
      ['yes', 'ہاں'],
      ['no', 'نہیں'],
    ]);
    expect(body.content.questions.indexOf(question!)).toBe(body.content.questions.length - 7);
  });

  it('starts version 2 as a draft while version 1 stays published', async () => {
    await page.getByRole('button', { name: 'Edit (new version)' }).click();

    await expect.poll(() => status(page)).toBe('Published version 1 · draft of version 2');
    expect(await page.getByRole('button', { name: 'Publish version 2' }).isVisible()).toBe(true);
    expect((await publicSurvey(slug)).body.version).toBe(1);
  });

  it('tells the officer that someone else saved first, and reloads their version', async () => {
    const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const second = await other.newPage();
    await signIn(second, 'officer');
    await second.goto(`${appUrl}${surveyPath}`);
    await second.getByLabel('Title (English)').waitFor();
    await page.getByRole('button', { name: 'Questions', exact: true }).click();
    await page.getByRole('button', { name: 'Survey details' }).click();

    await second.getByLabel('Title (English)').fill('Your Priorities 2027');
    await second.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => saveState(second)).toBe('All changes saved');
    await page.getByLabel('Title (English)').fill('Your Priorities, the next plan');
    await page.getByRole('button', { name: 'Save draft' }).click();

    const conflict = page.getByTestId('conflict');
    await expect.poll(() => conflict.textContent()).toContain('Someone else has changed or published this survey since you opened it');
    expect(await saveState(page)).toBe('Unsaved changes');
    await conflict.getByRole('button', { name: 'Reload the survey' }).click();
    await expect.poll(() => page.getByLabel('Title (English)').inputValue()).toBe('Your Priorities 2027');
    expect(await saveState(page)).toBe('All changes saved');
    await other.close();
  });

  it('will not save a ranking question without options, points at it, and deletes it from the keyboard', async () => {
    await page.getByLabel('Question type').selectOption('ranking');
    await page.getByLabel('New question (English)').fill('Rank these');
    await page.getByRole('button', { name: 'Add question' }).click();
    const total = await page.getByTestId('question-list').getByRole('listitem').count();

    await page.getByRole('button', { name: 'Save draft' }).click();

    const summary = page.getByTestId('error-summary');
    expect(await summary.textContent()).toContain(`The draft cannot be saved yetQuestion ${total} “Rank these”, options: Add at least 2 options.`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sv-questions-${total - 1}-options-new`);

    await page.getByRole('button', { name: `Delete question ${total}` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this question?' });
    expect(await dialog.textContent()).toContain('“Rank these”');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('question-list').getByRole('listitem').count()).toBe(total - 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`sv-questions-${total - 2}`);
    expect(await saveState(page)).toBe('All changes saved');
  });

  it('duplicates the survey as wave 2 under a new link name', async () => {
    await page.getByRole('button', { name: 'Duplicate as next wave' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duplicate as wave 2' });
    const link = dialog.getByLabel('Link name for the new wave');
    expect(await link.inputValue()).toBe(`${slug}-wave-2`);

    await link.fill('impact-area-wave-1');
    await dialog.getByRole('button', { name: 'Create wave 2' }).click();
    await expect.poll(() => dialog.locator('.s-error').textContent()).toContain('already used');
    await link.fill(nextWaveSlug);
    await dialog.getByRole('button', { name: 'Create wave 2' }).click();

    await page.waitForURL((url) => url.pathname !== surveyPath && /\/staff\/surveys\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('survey-wave').textContent()).toBe('2');
    expect(await status(page)).toBe('Draft (version 1, not yet published)');
    expect(await page.getByTestId('notice').textContent()).toContain('Created wave 2');
    expect(await page.getByTestId('question-list').textContent()).toContain('Have you seen a police officer');
  });

  it('has no WCAG 2.2 A/AA violations on the list, the survey details, a question and the translations view', async () => {
    await openSurveys(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${appUrl}${surveyPath}`);
    await page.getByTestId('phone-preview').waitFor();
    await page.getByLabel('Title (English)').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('question-list').getByRole('button').nth(1).click();
    await page.getByTestId('question-editor').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Translations/ }).click();
    await page.getByTestId('translations-view').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('closes the survey to residents after confirming', async () => {
    await page.goto(`${appUrl}${surveyPath}`);
    await page.getByRole('button', { name: 'Close survey' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this survey?' });
    await dialog.getByRole('button', { name: 'Close survey' }).click();

    await expect.poll(() => status(page)).toBe('Closed (version 1)');
    const { body } = await publicSurvey(slug);
    expect(body.open).toBe(false);
  });
});

describe('survey designer for an analyst', () => {
  it('shows the surveys but no way to create or change them', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const analyst = await context.newPage();
    await signIn(analyst, 'analyst');
    await openSurveys(analyst);

    expect(await analyst.locator('tr[data-slug="your-priorities"]').count()).toBe(1);
    expect(await analyst.getByRole('link', { name: 'Create a survey' }).count()).toBe(0);

    await analyst.goto(`${appUrl}${surveyPath}`);
    await analyst.getByTestId('phone-preview').waitFor();
    for (const name of ['Save draft', /^Publish/, 'Edit (new version)', 'Close survey', 'Duplicate as next wave', 'Add question']) {
      expect(await analyst.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await analyst.getByLabel('Title (English)').isDisabled()).toBe(true);
    await context.close();
  });
});
