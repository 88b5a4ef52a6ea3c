/**
 * Browser tests run the product as a person meets it: the web app built by Vite and served with
 * the API on one origin, DynamoDB Local and the local OpenID issuer — the same `startLocalStack`
 * that `pnpm dev` uses.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '@wardpulse/functions/local';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    issuerUrl: string;
  }
}

export const CHROMIUM = '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium); \`pnpm test\` installs it when run as root.`);
  }
  const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
  const outDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  await build({ root: webRoot, configFile: `${webRoot}/vite.config.ts`, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const stack = await startLocalStack({ webRoot: outDir, logLevel: 'SILENT' });
  project.provide('appUrl', stack.apiUrl);
  project.provide('issuerUrl', stack.issuer);
  return async () => {
    await stack.stop();
  };
}
