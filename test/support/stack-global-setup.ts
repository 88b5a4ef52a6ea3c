/**
 * Browser tests run the product as a person meets it: the web app built by Vite and served with
 * the API on one origin, DynamoDB Local and the local OpenID issuer — the same `startLocalStack`
 * that `pnpm dev` uses.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '@wardpulse/dev';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    issuerUrl: string;
    /** The stack's own DynamoDB Local and table, for asserting what a browser test stored. */
    dynamoEndpoint: string;
    tableName: string;
  }
}

export const CHROMIUM = '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install -y chromium); \`pnpm test\` installs it when run as root.`);
  }
  const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
  const outDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  // Build exactly what ships: vitest runs with NODE_ENV=test, which would give React's dev build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webRoot, configFile: `${webRoot}/vite.config.ts`, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const stack = await startLocalStack({ webRoot: outDir, logLevel: 'SILENT', submissionsPerHour: 1000 });
  project.provide('appUrl', stack.apiUrl);
  project.provide('issuerUrl', stack.issuer);
  project.provide('dynamoEndpoint', stack.dynamoEndpoint);
  project.provide('tableName', stack.tableName);
  return async () => {
    await stack.stop();
  };
}
