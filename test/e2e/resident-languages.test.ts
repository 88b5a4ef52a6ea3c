/**
 * Residents' pages in their own language, on a 390 × 844 phone (and a 320 px one): the sign-up
 * page in Urdu, right to left, with the Urdu web fonts fetched only for Urdu; the force's own
 * postcode as the example; a start page whose question count and wave, area and dates match the
 * survey the runner then shows.
 */
import { createRepositories } from '@wardpulse/data';
import type { Question } from '@wardpulse/domain';
import { newSurvey, publishSurvey } from '@wardpulse/functions/surveys';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { getJson, lookUpPostcode } from '../support/public-api.ts';

const appUrl = inject('appUrl');
const repositories = createRepositories({ endpoint: inject('dynamoEndpoint'), tables: { main: inject('tableName') } });

let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
});
afterAll(async () => {
  await close?.();
  repositories.close();
});

const SIGNUP_TITLE_UR = 'اپنے علاقے کے بارے میں پیغامات حاصل کریں';

async function phone(width = 390, height = 844, savedLocale?: string): Promise<{ context: BrowserContext; page: Page; fonts: { url: string; bytes: number }[] }> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' });
  if (savedLocale) await context.addInitScript((locale) => window.localStorage.setItem('wardpulse:locale', JSON.stringify(locale)), savedLocale);
  const page = await context.newPage();
  const fonts: { url: string; bytes: number }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'font') return;
    void response.body().then(
      (body) => fonts.push({ url: new URL(response.url()).pathname, bytes: body.length }),
      () => fonts.push({ url: new URL(response.url()).pathname, bytes: 0 }),
    );
  });
  return { context, page, fonts };
}

async function expectClean(page: Page, where: string, width: number) {
  expect(await axeViolations(page), where).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${where}: horizontal scroll`).toBeLessThanOrEqual(width);
}

/** The fonts Chromium actually drew an element's text with (DevTools' "Rendered fonts"). */
async function renderedFonts(context: BrowserContext, page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

const total = (fonts: { bytes: number }[]) => fonts.reduce((sum, f) => sum + f.bytes, 0);

describe('sign-up page in Urdu', () => {
  it('switches to Urdu right to left, translated, with the force’s own postcode and the Urdu web fonts fetched only then', async () => {
    const settings = await getJson<{ forceName: string; examplePostcode: string | null }>('/api/public/settings');
    expect(settings.examplePostcode).not.toBeNull();
    const example = settings.examplePostcode!;
    // The example is a postcode this force's lookup knows.
    await lookUpPostcode(example);
    const { context, page, fonts } = await phone();

    await page.goto(`${appUrl}/signup`);
    await page.getByRole('heading', { level: 1, name: 'Get messages about your area' }).waitFor();
    // The example arrives with the force's settings, after the page's first paint.
    await expect.poll(() => page.locator('#postcode-hint').textContent(), { timeout: 15_000 }).toBe(`We use it only to find your ward, then forget it. For example, ${example}.`);
    expect(await page.getByText('we never share your e-mail address', { exact: false }).count()).toBe(1);
    await page.evaluate(() => document.fonts.ready);
    await expectClean(page, 'sign-up in English', 390);
    expect(fonts, 'an English page fetches no font files').toEqual([]);

    await page.getByRole('button', { name: 'اردو', exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: SIGNUP_TITLE_UR }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ur', 'rtl']);
    expect(await page.getByRole('button', { name: 'اردو', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('ای میل ایڈریس').count()).toBe(1);
    await expect.poll(() => page.locator('#postcode-hint').textContent(), { timeout: 15_000 }).toBe(`ہم اسے صرف آپ کا وارڈ معلوم کرنے کے لیے استعمال کرتے ہیں، پھر بھول جاتے ہیں۔ مثال کے طور پر \u2068${example}\u2069۔`);
    expect(await page.getByRole('button', { name: 'سائن اپ کریں', exact: true }).count()).toBe(1);

    // The Urdu heading is drawn with the Nastaliq web font, not a fallback or boxes.
    await expect.poll(() => page.evaluate(() => document.fonts.check('700 28px "Noto Nastaliq Urdu"', 'اردو'))).toBe(true);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).fontFamily)).toMatch(/^"Noto Nastaliq Urdu"/);
    const drawn = await renderedFonts(context, page, 'h1');
    expect(drawn.find((f) => f.familyName === 'Noto Nastaliq Urdu')).toMatchObject({ isCustomFont: true });
    expect(drawn.filter((f) => f.familyName !== 'Noto Nastaliq Urdu').reduce((n, f) => n + f.glyphCount, 0)).toBe(0);
    // Form controls use Naskh, which fits their height.
    const button = await renderedFonts(context, page, 'button.r-button[type="submit"]');
    expect(button.find((f) => f.familyName === 'Noto Naskh Arabic')).toMatchObject({ isCustomFont: true });

    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => /^\/assets\/noto-(nastaliq-urdu|naskh-arabic)-[a-z-]+-\d00-normal-[\w-]+\.woff2$/.test(f.url)), JSON.stringify(fonts)).toBe(true);
    await expectClean(page, 'sign-up in Urdu', 390);

    // The choice is kept on the phone, as in the survey app.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: SIGNUP_TITLE_UR }).waitFor();
    await context.close();
  });

  it('fits a 320 px phone in Urdu and stays accessible', async () => {
    const { context, page } = await phone(320, 640, 'ur');

    await page.goto(`${appUrl}/signup`);
    await page.getByRole('heading', { level: 1, name: SIGNUP_TITLE_UR }).waitFor();
    await page.getByRole('button', { name: 'سائن اپ کریں', exact: true }).tap();
    await page.locator('.r-error-summary').waitFor();
    expect(await page.locator('.r-error-summary').getByRole('link').allTextContents()).toEqual(['اپنا ای میل ایڈریس درج کریں', 'اپنا پوسٹ کوڈ درج کریں، یا فہرست سے وارڈ منتخب کریں', 'کم از کم ایک موضوع منتخب کریں']);
    await expectClean(page, 'sign-up errors in Urdu at 320 px', 320);
    await context.close();
  });

  it('measures the font bytes an Urdu page fetches against an English one', async () => {
    const measure = async (path: string, locale: string | undefined, heading: string) => {
      const { context, page, fonts } = await phone(390, 844, locale);
      await page.goto(`${appUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.waitForLoadState('networkidle');
      const result = [...fonts];
      await context.close();
      return result;
    };

    const englishSignup = await measure('/signup', undefined, 'Get messages about your area');
    const urduSignup = await measure('/signup', 'ur', SIGNUP_TITLE_UR);
    const englishHome = await measure('/', undefined, 'Have your say on policing where you live');
    const urduHome = await measure('/', 'ur', 'اپنے علاقے کی پولیسنگ کے بارے میں اپنی رائے دیں');

    console.info('[fonts] woff2 fetched', JSON.stringify({ englishSignup: total(englishSignup), urduSignup: total(urduSignup), urduSignupFiles: urduSignup, englishHome: total(englishHome), urduHome: total(urduHome) }));
    expect(total(englishSignup)).toBe(0);
    expect(total(englishHome)).toBe(0);
    expect(total(urduSignup)).toBeGreaterThan(0);
    expect(total(urduHome)).toBeGreaterThan(0);
    // Subsetted: the Urdu page fetches a few hundred kilobytes, not whole families of weights.
    expect(total(urduSignup)).toBeLessThan(600_000);
  });
});

describe('survey start page', () => {
  const title = { en: 'Policing in your neighbourhood' };
  const questions: Question[] = [
    { id: 'area', type: 'location', required: true, title: { en: 'Where do you live?' } },
    { id: 'bus', type: 'single', required: true, dontKnow: false, title: { en: 'Do you take the bus?' }, options: [{ id: 'yes', label: { en: 'Yes' } }, { id: 'no', label: { en: 'No' } }] },
    { id: 'why_yes', type: 'text', required: false, multiline: false, maxLength: 200, title: { en: 'What would make the bus feel safer?' }, showIf: { questionId: 'bus', operator: 'is', optionId: 'yes' } },
    { id: 'why_no', type: 'text', required: false, multiline: false, maxLength: 200, title: { en: 'What stops you taking the bus?' }, showIf: { questionId: 'bus', operator: 'is', optionId: 'no' } },
    { id: 'about_you', type: 'statement', required: false, title: { en: 'About you' } },
    { id: 'safe', type: 'likert', required: false, dontKnow: true, scale: 'safe4', title: { en: 'How safe do you feel walking alone after dark?' } },
  ];

  /** A wave-3 survey with the demo Impact Area survey's title, for two Impact Areas, closing at the end of January. */
  async function seedSurvey(): Promise<{ slug: string; areaNames: string[] }> {
    const vintage = await repositories.geography.currentVintage();
    const areas = (await repositories.geography.listAreas(vintage!)).slice(0, 2);
    expect(areas.length).toBe(2);
    const slug = `languages-${Date.now().toString(36)}`;
    const survey = newSurvey({ template: 'blank', slug, seriesId: 'impact-area', wave: 3, targeting: { scope: 'areas', ids: areas.map((a) => a.id) }, closesAt: '2027-02-01T00:00:00.000Z' }, 'e2e');
    survey.draft = { title, locales: ['en'], questions };
    await repositories.surveys.create(survey);
    await publishSurvey(repositories, survey.id, survey.revision, 'e2e');
    return { slug, areaNames: areas.map((a) => a.name) };
  }

  it('counts the questions the runner shows, and tells two surveys of one title apart by wave, area and dates', async () => {
    const { slug, areaNames } = await seedSurvey();
    const settings = await getJson<{ forceName: string; examplePostcode: string }>('/api/public/settings');
    const { context, page } = await phone();

    // The open-surveys list: the same title twice, told apart by its facts.
    await page.goto(appUrl);
    await page.getByRole('heading', { level: 2, name: 'Open surveys' }).waitFor();
    const sameTitle = page.locator('.r-survey-list__item', { has: page.getByRole('link', { name: title.en, exact: true }) });
    await sameTitle.first().waitFor();
    const factLines = await sameTitle.locator('.r-survey-facts').allInnerTexts();
    expect(factLines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(factLines).size, factLines.join(' | ')).toBe(factLines.length);
    const places = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(areaNames);
    const mine = sameTitle.filter({ has: page.locator(`a[href="/s/${slug}"]`) });
    expect(await mine.locator('.r-survey-facts li').allTextContents()).toEqual(['Wave 3', `For ${places}`, 'Open until 31 Jan 2027']);
    await expectClean(page, 'survey list', 390);

    await mine.getByRole('link').tap();
    await page.getByRole('button', { name: 'Start now' }).waitFor();
    expect(await page.getByRole('list', { name: 'About this survey' }).getByRole('listitem').allTextContents()).toEqual(['Wave 3', `For ${places}`, 'Open until 31 Jan 2027']);
    const promised = await page.getByTestId('question-count').textContent();
    await expectClean(page, 'start page', 390);
    await page.getByRole('button', { name: 'Start now' }).tap();

    // Walk to "Check your answers", counting the numbered question pages.
    const numbered: string[] = [];
    for (let step = 0; step < 20; step++) {
      await page.locator('#main h1, #main legend, #main label.r-label').first().waitFor();
      if ((await page.locator('#main h1').textContent()) === 'Check your answers before sending') break;
      const caption = page.locator('.r-caption');
      if (await caption.count()) numbered.push((await caption.textContent()) ?? '');
      if (await page.getByLabel('Postcode').count()) {
        expect(await page.locator('[id$="-postcode-hint"]').textContent()).toBe(`For example, ${settings.examplePostcode}. If you prefer, enter just the first part, like ${settings.examplePostcode.split(' ')[0]}.`);
        await page.getByLabel('Postcode').fill(settings.examplePostcode);
        await page.getByRole('button', { name: 'Find my ward' }).tap();
        await page.locator('.r-found-ward').waitFor();
      }
      if (await page.getByLabel('Yes', { exact: true }).count()) await page.getByLabel('Yes', { exact: true }).tap();
      const before = page.url();
      await page.getByRole('button', { name: 'Continue', exact: true }).tap();
      await page.waitForURL((url) => url.href !== before);
    }

    expect(numbered).toEqual(['Question 1 of 4', 'Question 2 of 4', 'Question 3 of 4', 'Question 4 of 4']);
    expect(promised).toBe(`${numbered.length} questions`);
    await context.close();
  });
});
