import type { Page } from 'playwright-core';

/**
 * Signs in to the staff console through the local OpenID provider, starting from `path` (a
 * console page) and waiting until the console has brought the browser back to it.
 */
export async function signInAt(page: Page, appUrl: string, username: string, path = '/staff', password = 'wardpulse-demo'): Promise<void> {
  await page.goto(`${appUrl}${path}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${appUrl}${path}`);
}
