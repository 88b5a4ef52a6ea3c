/**
 * `pnpm dev`: WardPulse on one machine. Starts DynamoDB Local (persisted in .data/), the local
 * OpenID issuer, the API and the Vite dev server; seeds the demo force; prints URLs and logins.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { JavaMissingError } from '@wardpulse/dev';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, startLocalStack, type LocalStack } from '@wardpulse/dev';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const apiPort = port('WARDPULSE_API_PORT', 8787);
const issuerPort = port('WARDPULSE_ISSUER_PORT', 9230);
const webPort = port('WARDPULSE_WEB_PORT', 5173);
const dynamoPort = port('WARDPULSE_DYNAMODB_PORT', 8000);
const webOrigin = `http://127.0.0.1:${webPort}`;
const root = fileURLToPath(new URL('..', import.meta.url));

let stack: LocalStack;
console.log('Starting DynamoDB Local, the OpenID issuer and the API; the first start seeds the demo force and ~3,600 synthetic responses (about a minute)…');
try {
  stack = await startLocalStack({
    dataDir: `${root}.data/dynamodb`,
    filesDir: `${root}.data/files`,
    demoResponses: Number(process.env.WARDPULSE_DEMO_RESPONSES ?? 1200),
    demoSignups: Number(process.env.WARDPULSE_DEMO_SIGNUPS ?? 1200),
    apiPort,
    dynamoPort,
    issuerPort,
    webOrigins: [webOrigin],
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
  });
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(`\n${error.message}\n`);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(`\nA port WardPulse needs is in use (${error.message}). Stop the other process or set WARDPULSE_API_PORT / WARDPULSE_ISSUER_PORT / WARDPULSE_WEB_PORT.\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
}

const viteBin = join(dirname(createRequire(`${root}web/package.json`).resolve('vite/package.json')), 'bin/vite.js');
const vite = spawn(process.execPath, [viteBin, '--port', String(webPort), '--strictPort', '--clearScreen', 'false'], {
  cwd: `${root}web`,
  env: { ...process.env, WARDPULSE_API_URL: stack.apiUrl },
  stdio: ['ignore', 'pipe', 'inherit'],
});
vite.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  if (/error/i.test(text)) process.stdout.write(text);
  if (/ready in/i.test(text)) printBanner();
});

function printBanner() {
  const line = '─'.repeat(64);
  console.log(`\n${line}\n WardPulse is running locally (demo data — not a real force)\n${line}`);
  console.log(` Resident app      ${webOrigin}/`);
  console.log(` Staff console     ${webOrigin}/staff`);
  console.log(` API               ${stack.apiUrl}/api/health`);
  console.log(` API reference     ${stack.apiUrl}/api/docs   (OpenAPI: /api/openapi.json)`);
  console.log(` OpenID issuer     ${stack.issuer}`);
  console.log(` DynamoDB Local    ${stack.dynamoEndpoint}   (data in .data/)`);
  console.log(`\n Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) console.log(`   ${account.username.padEnd(10)} ${account.groups.join(', ')}`);
  console.log(`\n Press Ctrl+C to stop.\n${line}\n`);
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  vite.kill('SIGTERM');
  await stack.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
vite.on('exit', (code) => {
  if (!stopping) {
    console.error(`The web dev server stopped (exit ${code ?? 'signal'}).`);
    void shutdown(1);
  }
});
