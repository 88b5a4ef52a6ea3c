import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';

/**
 * An engagement officer editing: a survey created from a template whose title another survey
 * already has (a warning, not a refusal), told apart in the list by its dates and area; a question
 * reworded in English putting its Urdu and Polish translations out of date and blocking Publish
 * until they are reviewed; and both editors saving as the officer types, keeping unsaved changes
 * in the browser when the connection drops and offering them back after a reload. The tests run
 * in order and build on each other; everything asserted is this run's own survey and message.
 */

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const slug = `e2e-editing-${run}`;
const TEMPLATE_TITLE = 'Your Priorities, Your Plan';
const REWORDED = 'How safe do you feel walking alone in your area after dark?';

let browser: Browser;
let close: () => Promise<void>;
let officer: BrowserContext;
let page: Page;
let surveyPath = '';

/** Waits on the server and the autosave's pause: generous, as the shared test machine can be busy. */
const SERVER = { timeout: 20_000 };

const saveState = (p: Page) => p.getByTestId('save-state').textContent();
const checks = (p: Page) => p.getByTestId('checks').textContent();

async function openSurvey(p: Page) {
  await p.goto(`${appUrl}${surveyPath}`);
  await p.getByLabel('Title (English)').waitFor();
}

async function openQuestion(p: Page, title: string) {
  await p.getByRole('button', { name: 'Questions', exact: true }).click();
  await p.getByTestId('question-list').getByRole('button', { name: title }).click();
  await p.getByTestId('question-editor').waitFor();
}

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  officer = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await officer.newPage();
  await signInAt(page, appUrl, 'officer', '/staff/surveys');
});
afterAll(async () => {
  await officer?.close();
  await close?.();
});

describe('surveys with the same title', () => {
  it('warns, without refusing, that the template’s title is already used by another survey', async () => {
    await page.getByRole('link', { name: 'Create a survey' }).first().click();
    await page.getByRole('radio', { name: /Your Priorities/ }).check();

    const warning = page.getByTestId('duplicate-title');
    await expect.poll(() => warning.textContent(), SERVER).toContain(`already called “${TEMPLATE_TITLE}”`);
    expect(await warning.textContent()).toContain('You can change the title in “Survey details” once it is created.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Link name').fill(slug);
    await page.getByRole('button', { name: 'Create survey' }).click();

    await page.waitForURL(/\/staff\/surveys\/[0-9a-f-]{36}$/);
    surveyPath = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TEMPLATE_TITLE);
    // Other e2e files share this stack and may have created surveys from the same template first.
    await expect.poll(() => page.getByTestId('duplicate-title').textContent(), SERVER).toMatch(new RegExp(`^(Another survey is|\\d+ other surveys are) already called “${TEMPLATE_TITLE}”`));
  });

  it('saves dates and an Impact Area as the officer goes, and they are there after a reload', async () => {
    await page.getByLabel('Opens on (optional)').fill('2027-01-04');
    await page.getByLabel('Closes at the end of (optional)').fill('2027-02-28');
    await page.getByRole('radio', { name: 'Some Impact Areas or neighbourhood teams' }).check();
    await page.getByRole('group', { name: 'Areas' }).getByRole('checkbox').first().check();

    expect(await saveState(page)).toBe('Unsaved changes');
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
    expect(await page.locator('.sv-save-detail').textContent()).toMatch(/^ \d{2}:\d{2}$/);
    expect(await page.getByTestId('survey-dates').textContent()).toBe('4 Jan 2027 to 28 Feb 2027');
    await expect.poll(() => page.getByTestId('survey-target').textContent(), SERVER).toMatch(/ (Impact Area|neighbourhood team)$/);
    const target = await page.getByTestId('survey-target').textContent();

    await page.reload();
    await page.getByLabel('Title (English)').waitFor();
    expect(await page.getByLabel('Opens on (optional)').inputValue()).toBe('2027-01-04');
    expect(await page.getByTestId('survey-dates').textContent()).toBe('4 Jan 2027 to 28 Feb 2027');
    await expect.poll(() => page.getByTestId('survey-target').textContent(), SERVER).toBe(target);
    expect(await saveState(page)).toBe('All changes saved');
  });

  it('tells the two surveys called “Your Priorities, Your Plan” apart in the list by dates and area', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Surveys' }).click();
    await page.getByTestId('survey-list').waitFor();
    const ours = page.locator(`tr[data-slug="${slug}"]`);
    const demo = page.locator('tr[data-slug="your-priorities"]');
    // Each cell's column, read from the header row, so the check holds whatever the column order.
    const headers = (await page.getByTestId('survey-list').locator('thead th').allTextContents()).map((h) => h.trim());
    const cells = async (row: typeof ours) => {
      const all = await row.locator('th, td').allTextContents();
      return ['Wave', 'Dates', 'Who it is for'].map((name) => all[headers.indexOf(name)]);
    };

    await expect.poll(() => demo.getByRole('rowheader').textContent(), SERVER).toBe(TEMPLATE_TITLE);
    expect(await ours.getByRole('rowheader').textContent()).toBe(TEMPLATE_TITLE);
    await expect.poll(async () => (await cells(ours))[2], SERVER).toMatch(/ (Impact Area|neighbourhood team)$/);
    expect(await cells(ours)).toEqual(['1', '4 Jan 2027 to 28 Feb 2027', expect.stringMatching(/ (Impact Area|neighbourhood team)$/)]);
    expect(await cells(demo)).toEqual(['1', 'No dates set', 'Whole force']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('warns when a survey is renamed to a title another survey has, and stops once it is distinct', async () => {
    await openSurvey(page);
    const title = page.getByLabel('Title (English)');

    await title.fill('Policing in your neighbourhood');
    await expect.poll(() => page.getByTestId('duplicate-title').textContent(), SERVER).toMatch(/already called “Policing in your neighbourhood” \(waves? [\d, and]+\)/);
    await title.fill(`Your Priorities, Your Plan: Sandwell ${run}`);

    expect(await page.getByTestId('duplicate-title').count()).toBe(0);
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
  });
});

describe('translations after the English is reworded', () => {
  it('marks the Urdu and Polish out of date and will not publish, naming the question and languages', async () => {
    await openQuestion(page, 'How safe do you feel walking alone in this area after dark?');
    await page.getByTestId('question-editor').getByRole('textbox', { name: 'Question (English)', exact: true }).fill(REWORDED);
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');

    await page.reload();
    await page.getByLabel('Title (English)').waitFor();
    await expect.poll(() => checks(page), SERVER).toMatch(/Question 3 “How safe do you feel walking alone in your area…”: the English was reworded after the Urdu and Polish translations were written\./);
    // The survey title was renamed in English earlier, so its translations are out of date too.
    expect(await checks(page)).toContain('Survey title, introduction or thank-you message: the English was reworded after the Urdu and Polish translations were written.');
    expect(await page.getByRole('button', { name: /^Translations/ }).textContent()).toBe('Translations (4 out of date)');
    await page.getByRole('button', { name: /^Publish version 1/ }).click();

    await expect.poll(() => page.getByTestId('checks').getByRole('heading').textContent()).toMatch(/^Fix (this problem|these \d+ problems) before publishing$/);
    expect(await page.locator('dialog[open]').count()).toBe(0);
    await page.getByTestId('checks').getByRole('link').first().click();
    await page.getByTestId('translations-view').waitFor();
    const row = page.locator('[data-key="q:safe_after_dark:title"]');
    expect(await row.locator('.sv-tag-outdated').allTextContents()).toEqual(['Out of date', 'Out of date']);
    expect(await page.getByTestId('translation-count-ur').textContent()).toBe('Urdu: 2 out of date');
    expect(await page.getByTestId('translation-count-pl').textContent()).toBe('Polish: 2 out of date');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-key]')?.getAttribute('data-key'))).toBe('title');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('publishes only once each translation is marked reviewed or updated', async () => {
    const row = page.locator('[data-key="q:safe_after_dark:title"]');
    const title = page.locator('[data-key="title"]');
    for (const language of ['Urdu', 'Polish']) await title.getByRole('button', { name: new RegExp(`^Mark reviewed: ${language}`) }).click();
    expect(await title.locator('.sv-tag-outdated').count()).toBe(0);

    await row.getByRole('button', { name: /^Mark reviewed: Urdu/ }).click();
    expect(await page.getByTestId('translation-count-ur').textContent()).toBe('Urdu: all translated');
    expect(await checks(page)).toContain('the English was reworded after the Polish translation was written');
    await row.getByRole('textbox', { name: 'Polish' }).fill('Jak bezpiecznie czujesz się, chodząc samotnie po swojej okolicy po zmroku?');

    expect(await row.locator('.sv-tag-outdated').count()).toBe(0);
    expect(await page.getByTestId('translation-count-pl').textContent()).toBe('Polish: all translated');
    expect(await checks(page)).toContain('ready to publish');
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
    await page.reload();
    await page.getByLabel('Title (English)').waitFor();
    expect(await checks(page)).toContain('ready to publish');
  });
});

describe('saving as the officer goes', () => {
  it('says a save failed when the connection drops, and saves on “Try saving again”', async () => {
    await openSurvey(page);
    await officer.setOffline(true);
    await page.getByLabel('Introduction (English, optional)').fill(`Tell us what matters to you (${run}).`);

    await expect.poll(() => saveState(page), SERVER).toBe('Not saved: Could not reach WardPulse. Check your connection and try again.');
    await officer.setOffline(false);
    await page.getByRole('button', { name: 'Try saving again' }).click();

    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
    expect(await page.getByRole('button', { name: 'Try saving again' }).count()).toBe(0);
  });

  it('keeps changes the server never got, asks before the page is left, and offers them back after a reload', async () => {
    await officer.setOffline(true);
    await page.getByLabel('Thank-you message (English, optional)').fill(`Thank you: we read every answer (${run}).`);
    await expect.poll(() => saveState(page), SERVER).toMatch(/^Not saved: /);
    await officer.setOffline(false);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });

    await page.reload();

    expect(dialogs).toEqual(['beforeunload']);
    const offer = page.getByTestId('restore-offer');
    await offer.waitFor();
    expect(await page.getByLabel('Thank-you message (English, optional)').inputValue()).not.toContain(run);
    expect(await axeViolations(page)).toEqual([]);
    await offer.getByRole('button', { name: 'Restore my changes' }).click();
    expect(await page.getByLabel('Thank-you message (English, optional)').inputValue()).toBe(`Thank you: we read every answer (${run}).`);
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
    await page.reload();
    await page.getByLabel('Title (English)').waitFor();
    expect(await page.getByLabel('Thank-you message (English, optional)').inputValue()).toBe(`Thank you: we read every answer (${run}).`);
    expect(await page.getByTestId('restore-offer').count()).toBe(0);
    expect(dialogs).toEqual(['beforeunload']);
  });

  it('saves a message draft as the officer types, and the change is there after a reload', async () => {
    const field = (name: string) => page.getByRole('textbox', { name, exact: true });
    await page.goto(`${appUrl}/staff/messages`);
    await page.getByRole('link', { name: 'Write a message', exact: true }).click();
    await field('Title').fill(`Bike thefts at the station (e2e ${run})`);
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await page.waitForURL(/\/staff\/messages\/[0-9a-f-]{36}$/);
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');

    await field('What is the key concern?').fill('Bikes have been stolen from the station racks this month.');

    expect(await saveState(page)).toBe('Unsaved changes');
    await expect.poll(() => saveState(page), SERVER).toBe('All changes saved');
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await expect.poll(() => field('What is the key concern?').inputValue(), SERVER).toBe('Bikes have been stolen from the station racks this month.');
    expect(await saveState(page)).toBe('All changes saved');
  });
});
