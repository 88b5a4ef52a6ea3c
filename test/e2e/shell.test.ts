import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';

const appUrl = inject('appUrl');
let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
});
afterAll(async () => {
  await close?.();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return context.newPage();
}

async function signIn(page: Page, username: string, password = 'wardpulse-demo') {
  await page.goto(`${appUrl}/staff`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${appUrl}/staff`);
}

describe('resident page', () => {
  it('opens on a 320 px phone with the force name, no horizontal scroll and no staff code loaded', async () => {
    const page = await phonePage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });

    await page.goto(appUrl);

    await expect.poll(() => page.locator('.r-force').textContent()).toBe('Demo Constabulary (demo data)');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Have your say on policing where you live');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(scripts.some((url) => /StaffApp/.test(url))).toBe(false);
    await page.context().close();
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can detect', async () => {
    const page = await phonePage();
    await page.goto(appUrl);
    await page.locator('.r-force').filter({ hasText: /\S/ }).waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('staff console', () => {
  it.each([
    ['admin', 'Administrator'],
    ['officer', 'Engagement officer'],
    ['analyst', 'Analyst'],
  ])('signs in as %s through the local OpenID provider and shows the role', async (username, roleLabel) => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await signIn(page, username);

    await expect.poll(() => page.getByTestId('role').textContent()).toBe(roleLabel);
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(username);
    await context.close();
  });

  it('refuses a wrong password on the sign-in page and says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl}/staff`);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    expect(await page.getByRole('alert').textContent()).toContain('not right');
    await context.close();
  });

  it('lets an administrator rename the force, which residents then see, and records it in the audit trail', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Force settings' }).click();

    const name = page.getByLabel('Force or PCC name');
    await name.fill('Sandwell Test Police');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Saved as version \d+/);
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Changed the force settings');
    const resident = await context.newPage();
    await resident.goto(appUrl);
    await expect.poll(() => resident.locator('.r-force').textContent()).toBe('Sandwell Test Police');
    await context.close();
  });

  it('shows the administrator which setting is out of range without saving', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Force settings' }).click();

    await page.getByLabel('Disclosure threshold').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect.poll(() => page.locator('.s-field-error label').textContent()).toBe('Disclosure threshold');
    expect(await page.getByLabel('Disclosure threshold').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});
