/**
 * Cold start of the two API functions as Lambda would see it: each bundle built as CDK builds it,
 * then imported and invoked once (GET /api/config) in each of `--runs` fresh Node processes.
 *
 *   pnpm bench:cold-start [--runs 10]
 *
 * Prints the median and spread of import, first invoke and their sum, per function, and the
 * ratio staff / public measured in this one run; writes bench/results/cold-start.json. Issue 11's
 * budget: public import + first invoke < 150 ms (median). Times are this machine's, not Lambda's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleLambda } from '../infra/lib/bundle.ts';
import { API_ENTRY, PUBLIC_API_ENTRY } from '../infra/lib/paths.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

/** One fresh process: import the bundle, invoke its handler once, print both times. */
const PROBE = `
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const t1 = performance.now();
const event = { version: '2.0', routeKey: '$default', rawPath: '/api/config', rawQueryString: '', headers: { host: 'bench.local', 'x-wardpulse-origin': 'bench-origin-secret-that-is-long-enough-0123456' },
  requestContext: { accountId: 'bench', apiId: 'bench', domainName: 'bench.local', http: { method: 'GET', path: '/api/config', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: 'bench', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0 },
  isBase64Encoded: false };
const result = await handler(event, { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 });
const t2 = performance.now();
if (result.statusCode !== 200) throw new Error('status ' + result.statusCode + ': ' + result.body);
console.log(JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1 }));
`;

const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  OIDC_ISSUER: 'https://issuer.bench.invalid',
  OIDC_CLIENT_ID: 'bench',
  STAGE: 'local',
  LINK_SECRET: 'bench-link-secret-that-is-long-enough-0123456789',
  ORIGIN_SECRET: 'bench-origin-secret-that-is-long-enough-0123456',
  FILES_BUCKET: 'bench-files',
  IMPORT_FUNCTION_NAME: 'bench-import',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'wardpulse-cold-'));
const result: Record<string, unknown> = { runs };
const medians: Record<string, number> = {};
for (const [name, entry] of [['public', PUBLIC_API_ENTRY], ['staff', API_ENTRY]] as const) {
  const bundle = await bundleLambda(entry);
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [fileName, code] of bundle.files) writeFileSync(join(folder, fileName), code);
  const file = join(folder, 'index.mjs');
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, file], { env, encoding: 'utf8' }).trim().split('\n').at(-1)!) as { importMs: number; invokeMs: number });
  const total = samples.map((s) => s.importMs + s.invokeMs);
  medians[name] = median(total);
  result[name] = {
    initialGzipKB: Math.round(bundle.initial.gzipBytes / 1024),
    totalGzipKB: Math.round(bundle.total.gzipBytes / 1024),
    importMs: Math.round(median(samples.map((s) => s.importMs))),
    firstInvokeMs: Math.round(median(samples.map((s) => s.invokeMs))),
    totalMs: Math.round(median(total)),
    minTotalMs: Math.round(Math.min(...total)),
    maxTotalMs: Math.round(Math.max(...total)),
  };
}
result.staffOverPublic = Math.round((medians.staff! / medians.public!) * 100) / 100;
console.table(Object.fromEntries(['public', 'staff'].map((k) => [k, result[k]])));
console.log(`staff / public cold start (median, this run): ${String(result.staffOverPublic)}×`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/cold-start.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
