import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { signInAt } from '../support/staff.ts';

/**
 * Community messages end to end: an officer writes a three-part message and watches the live
 * readability score respond, targets demo wards and sends it; a resident opens it on a phone from
 * the e-mail in the local outbox, rates (and changes the rating), replies and copies the link; a
 * neighbour rates from a shared link; the message's page and the dashboard show the figures.
 * Everything asserted is this run's own message, so other test files' data cannot disturb it.
 */

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const title = `Car break-ins on Park Road (e2e ${run})`;
const JARGON = 'Officers were in attendance following reports of ASB. Proactive patrols will be conducted by the NPT and PCSOs in the locality whilst enquiries are ongoing.';
const PLAIN = 'Cars on Park Road were broken into last week. Thieves took bags left on seats.';
const REPLY = 'Thank you, this is really helpful. We will lock our cars and take bags out.';

let browser: Browser;
let close: () => Promise<void>;
let officer: BrowserContext;
let page: Page;
let messageId = '';
let audience = 0;
let recipientLink = '';

/** Waits on the server (and the composer's debounce): generous, as the shared test machine can be busy. */
const SERVER = { timeout: 20_000 };

const field = (p: Page, name: string) => p.getByRole('textbox', { name, exact: true });
const score = (p: Page) => p.getByTestId('readability-score').textContent();
const scoreValue = (text: string | null) => Number(/^([\d.]+) out of 10$/.exec(text ?? '')?.[1] ?? Number.NaN);

async function expectAccessible(p: Page, where: string, width?: number) {
  expect(await axeViolations(p), where).toEqual([]);
  // Production CSP is style-src 'self': no inline styles anywhere.
  expect(await p.locator('[style]:not([style=""])').evaluateAll((elements) => elements.map((e) => e.outerHTML.slice(0, 120))), `${where}: inline styles`).toEqual([]);
  if (width) expect(await p.evaluate(() => document.documentElement.scrollWidth), `${where}: horizontal scroll`).toBeLessThanOrEqual(width);
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl });
  return { context, page: await context.newPage() };
}

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  officer = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await officer.newPage();
  await signInAt(page, appUrl, 'officer', '/staff/messages');
});
afterAll(async () => {
  await officer?.close();
  await close?.();
});

describe('community messages', () => {
  it('coaches the officer live: jargon lowers the readability score, plain words raise it', async () => {
    await page.getByRole('navigation', { name: 'Messages' }).getByRole('link', { name: 'All messages', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Write a message', exact: true }).click();
    await field(page, 'Title').fill(title);

    await field(page, 'What is the key concern?').fill(JARGON);
    await expect.poll(() => score(page), SERVER).toMatch(/^[\d.]+ out of 10$/);
    const jargonScore = scoreValue(await score(page));
    const notes = page.getByTestId('notes-message-concern');
    expect(await notes.textContent()).toContain('“ASB”');
    expect(await notes.getByRole('button', { name: 'Use “anti-social behaviour” instead of “ASB”', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('readability').textContent()).toContain('Still to write');
    await expectAccessible(page, 'composer with coaching');

    await field(page, 'What is the key concern?').fill(PLAIN);
    await expect.poll(async () => scoreValue(await score(page)), SERVER).toBeGreaterThan(jargonScore);
    expect(await notes.count()).toBe(1);
    expect(await notes.textContent()).not.toContain('Jargon');

    await field(page, 'What are the police doing about it?').fill('We are patrolling Park Road every night this week. We are checking CCTV.');
    await field(page, 'What can you do?').fill('Lock your car. Take bags and coats out. Call 101 if you see someone trying car doors.');
    await expect.poll(() => page.getByTestId('readability').textContent(), SERVER).not.toContain('Still to write');
    expect(scoreValue(await score(page))).toBeGreaterThanOrEqual(8);
  });

  it('targets demo wards, saves the draft and shows who it would reach', async () => {
    const places = page.getByRole('group', { name: 'Who it goes to', exact: true });
    await places.getByRole('radio', { name: 'Some wards', exact: true }).check();
    const wards = places.getByRole('checkbox');
    await wards.first().waitFor();
    for (let i = 0; i < 8; i++) await wards.nth(i).check();

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();

    await page.waitForURL(/\/staff\/messages\/[0-9a-f-]{36}$/);
    messageId = new URL(page.url()).pathname.split('/').at(-1)!;
    await expect.poll(() => page.getByTestId('save-state').textContent(), SERVER).toBe('All changes saved');
    await expect.poll(() => page.getByTestId('audience-size').textContent(), SERVER).toMatch(/^This message would go to \d+ (people|person)\.$/);
    audience = Number(/(\d+)/.exec((await page.getByTestId('audience-size').textContent()) ?? '')?.[1]);
    expect(audience).toBeGreaterThan(0);
  });

  it('sends it after a confirmation that names the audience size, and follows the send to the end', async () => {
    await page.getByRole('button', { name: 'Send or schedule…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this message?' });
    const people = `${audience} ${audience === 1 ? 'person' : 'people'}`;
    expect(await dialog.getByTestId('send-audience').textContent()).toContain(`It will be e-mailed to ${people}`);
    await expectAccessible(page, 'send confirmation');

    await dialog.getByRole('button', { name: `Send now to ${people}`, exact: true }).click();

    await expect.poll(() => page.getByTestId('message-status').textContent(), { timeout: 30_000 }).toMatch(/^Sent /);
    await expect.poll(() => page.getByTestId('send-progress').getByRole('status').textContent(), SERVER).toBe(`Sent ${audience} of ${audience}`);
  });

  it('lists the e-mails in the local outbox, with each recipient’s own link to the message', async () => {
    await page.goto(`${appUrl}/staff/messages`);
    await page.getByRole('navigation', { name: 'Messages' }).getByRole('link', { name: 'Outbox', exact: true }).click();
    await page.getByTestId('outbox').waitFor();
    const mails = page.getByTestId('outbox').getByRole('button', { name: title, exact: true });
    expect(await mails.count()).toBe(audience);

    await mails.first().click();

    const mail = page.getByTestId('outbox-mail');
    await mail.waitFor();
    recipientLink = (await mail.getByRole('link', { name: 'Message page (as this recipient)', exact: true }).getAttribute('href')) ?? '';
    expect(recipientLink).toMatch(new RegExp(`/m/${messageId}#r=[\\w.-]+$`));
    expect(await mail.getByRole('link', { name: 'Message page (as this recipient), rating 5 stars', exact: true }).count()).toBe(1);
  });

  it('lets a resident on a phone read, rate (and change it), reply and copy a link, with no cookies', async () => {
    const { context, page: resident } = await phone();
    await resident.goto(`${appUrl}${new URL(recipientLink).pathname}${new URL(recipientLink).hash}`);

    await resident.getByRole('heading', { level: 1, name: title }).waitFor();
    // The token that rates as this recipient leaves the address bar, so copying the address cannot pass it on.
    expect(new URL(resident.url()).search).toBe('');
    expect(new URL(resident.url()).hash).toBe('');
    expect(await resident.getByRole('heading', { level: 2 }).allTextContents()).toEqual(expect.arrayContaining(['What’s happening', 'What we’re doing', 'What you can do']));
    await expectAccessible(resident, 'message page', 390);

    await resident.getByRole('radio', { name: '4 stars', exact: true }).tap();
    await expect.poll(() => resident.getByTestId('rating-status').textContent(), SERVER).toBe('Thanks — you rated 4. You can change it.');
    await resident.getByRole('radio', { name: '5 stars', exact: true }).focus();
    await resident.keyboard.press('ArrowLeft');
    await resident.keyboard.press('ArrowRight');
    await expect.poll(() => resident.getByTestId('rating-status').textContent(), SERVER).toBe('Thanks — you rated 5. You can change it.');

    await resident.getByRole('textbox', { name: 'Reply to the team', exact: true }).fill(REPLY);
    expect(await resident.getByText('You have 1,925 characters remaining', { exact: true }).count()).toBe(1);
    await resident.getByRole('button', { name: 'Send reply', exact: true }).tap();
    await expect.poll(() => resident.getByTestId('reply-status').textContent(), SERVER).toBe('Thank you — your reply has been sent to the team. It will not be published.');

    await resident.getByRole('button', { name: 'Copy link', exact: true }).tap();
    await expect.poll(() => resident.getByTestId('share-status').textContent(), SERVER).toBe('Link copied. Thanks for sharing.');
    expect(await resident.evaluate(() => navigator.clipboard.readText())).toBe(`${appUrl}/m/${messageId}`);

    await expectAccessible(resident, 'message page after rating, replying and sharing', 390);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('takes a rating from a shared link’s ?rate= once, and drops it from the address', async () => {
    const { context, page: neighbour } = await phone();

    await neighbour.goto(`${appUrl}/m/${messageId}?rate=3`);

    await expect.poll(() => neighbour.getByTestId('rating-status').textContent(), SERVER).toBe('Thanks — you rated 3. You can change it.');
    expect(new URL(neighbour.url()).search).toBe('');
    expect(await neighbour.getByRole('radio', { name: '3 stars', exact: true }).isChecked()).toBe(true);
    expect(await neighbour.evaluate(() => localStorage.getItem('wardpulse:device-id'))).toMatch(/^"[0-9a-f-]{36}"$/);
    await context.close();
  });

  it('shows the message’s views, ratings (each rater once), reply and share to the officer', async () => {
    await page.goto(`${appUrl}/staff/messages/${messageId}`);
    const count = (name: string) => page.locator(`[data-count="${name}"] dd`).textContent();
    await page.getByTestId('kpi-counts').waitFor();

    await expect.poll(async () => {
      await page.getByRole('button', { name: 'Refresh figures', exact: true }).click();
      return [await count('Ratings'), await count('Replies'), await count('Shares'), await count('Views')];
      // The resident's changed rating counts once: one recipient and one shared-link neighbour.
    }, { ...SERVER, interval: 1000 }).toEqual(['2', '1', '1', '2']);
    expect(await page.getByTestId('kpi-counts').textContent()).toContain('Copied link 1');
    // The recipient's rating is counted in their ward; the neighbour's, from a shared link, in no ward.
    const shared = page.getByTestId('kpi-table').locator('tr', { has: page.getByRole('rowheader', { name: 'No ward (shared links)', exact: true }) });
    expect(await shared.getByRole('cell').nth(2).textContent()).toBe('1');
    // Two ratings are under the disclosure threshold: said to be withheld, never shown as 0.
    expect(await page.locator('[data-kpi="satisfaction"]').textContent()).toContain('Withheld');
    const reply = page.getByTestId('replies').getByRole('listitem');
    expect(await reply.count()).toBe(1);
    expect(await reply.textContent()).toContain(REPLY);
    expect(await reply.textContent()).toContain('Positive');
    await expectAccessible(page, 'message page (staff)');
  });

  // The dashboard asks for a report per month: allow for a busy shared machine.
  it('shows the dashboard: KPI cards, months, before/after with significance, readability against satisfaction', { timeout: 120_000 }, async () => {
    await page.goto(`${appUrl}/staff/messages`);
    await page.getByRole('navigation', { name: 'Messages' }).getByRole('link', { name: 'Dashboard', exact: true }).click();

    const cards = page.getByTestId('kpi-cards').first();
    await cards.waitFor();
    expect(await cards.locator('[data-kpi]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kpi')))).toEqual(['satisfaction', 'interaction', 'share', 'readability']);
    expect(await page.getByTestId('comparison-force').getByRole('row').count()).toBe(4);
    await expect.poll(() => page.getByTestId('correlation').textContent(), SERVER).toMatch(/\(r = -?\d\.\d\d, n = \d+\)/);
    await page.getByRole('figure', { name: 'Satisfaction, interaction rate and share rate by month, whole force' }).waitFor();
    expect(await page.getByTestId('kpi-table').getByRole('row').count()).toBeGreaterThan(1);
    await expectAccessible(page, 'dashboard');
  });
});
