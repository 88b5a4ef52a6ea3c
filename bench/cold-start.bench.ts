/**
 * Cold start of the two API functions as Lambda would see it: each bundle built as CDK builds it,
 * then imported and invoked once (GET /api/config) in each of `--runs` fresh Node processes, beside
 * the one API function as it was at dd9b58c (before the split and the lazy chunks).
 *
 *   pnpm bench:cold-start [--runs 10] [--baseline auto|file|<checkout of dd9b58c>]
 *
 * `--baseline auto` (the default) checks dd9b58c out in a temporary git worktree, installs it from
 * the pnpm store offline, builds its bundle with the options it deployed with and times it in this
 * run, interleaved with today's bundles; the worktree is removed afterwards. When that cannot be done
 * (a shallow clone, packages not in the store) or with `--baseline file`, the old sizes come from
 * bench/baseline/dd9b58c.json (sizes are deterministic) and times are not compared. A directory
 * names a checkout of dd9b58c with its node_modules installed.
 *
 * Writes bench/results/cold-start.json. Times are this machine's, not Lambda's: compare within one run.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type * as esbuild from 'esbuild';
import { bundleLambda, GZIP_BUDGETS_KB } from '../infra/lib/bundle.ts';
import { API_ENTRY, PUBLIC_API_ENTRY, REPO_ROOT } from '../infra/lib/paths.ts';
import { target, writeBenchResult, type Table, type Target } from './report.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, baseline: { type: 'string', default: 'auto' } } });
const runs = Number(values.runs);
const KB = 1024;

interface BaselineFile {
  commit: string;
  entry: string;
  esbuild: { version: string; options: esbuild.BuildOptions & { outfile: string } };
  files: Record<string, { bytes: number; gzipBytes: number; sha256: string }>;
  initial: { bytes: number; gzipBytes: number };
}
const baseline = JSON.parse(readFileSync(new URL('./baseline/dd9b58c.json', import.meta.url), 'utf8')) as BaselineFile;

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

interface Bundle {
  /** The handler module to import. */
  file: string;
  initialGzipBytes: number;
  totalGzipBytes: number;
  initialBytes: number;
  files: number;
}

const dir = mkdtempSync(join(tmpdir(), 'wardpulse-cold-'));
const notes: string[] = [];
const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function currentBundle(name: string, entry: string): Promise<Bundle> {
  const bundle = await bundleLambda(entry);
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [fileName, code] of bundle.files) writeFileSync(join(folder, fileName), code);
  return { file: join(folder, 'index.mjs'), initialGzipBytes: bundle.initial.gzipBytes, totalGzipBytes: bundle.total.gzipBytes, initialBytes: bundle.initial.bytes, files: bundle.files.size };
}

/** dd9b58c's bundle built in `checkout` with its own esbuild and the options it deployed with. */
async function baselineBundle(checkout: string): Promise<Bundle> {
  const { build, version } = createRequire(join(checkout, 'package.json'))('esbuild') as typeof esbuild;
  if (version !== baseline.esbuild.version) notes.push(`dd9b58c rebuilt with esbuild ${version}; it deployed with ${baseline.esbuild.version}.`);
  const outfile = join(dir, 'dd9b58c', baseline.esbuild.options.outfile);
  await build({ ...baseline.esbuild.options, entryPoints: [join(checkout, baseline.entry)], outfile, absWorkingDir: checkout, logLevel: 'error' });
  const code = readFileSync(outfile);
  const expected = baseline.files['index.mjs']!;
  const sha256 = createHash('sha256').update(code).digest('hex');
  if (sha256 !== expected.sha256) notes.push(`The rebuilt dd9b58c bundle differs from the one recorded in bench/baseline/dd9b58c.json (${code.byteLength} bytes, was ${expected.bytes}): its node_modules are not the ones its lockfile names.`);
  const gzipBytes = gzipSync(code).byteLength;
  return { file: outfile, initialGzipBytes: gzipBytes, totalGzipBytes: gzipBytes, initialBytes: code.byteLength, files: 1 };
}

/** A worktree of dd9b58c installed from the pnpm store offline, or why there is none. */
function prepareWorktree(): { checkout: string; remove: () => void } | { reason: string } {
  const checkout = join(dir, 'checkout');
  try {
    git('cat-file', '-e', `${baseline.commit}^{commit}`);
  } catch {
    return { reason: `commit ${baseline.commit.slice(0, 7)} is not in this clone (shallow?)` };
  }
  git('worktree', 'add', '--detach', checkout, baseline.commit);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', checkout);
    } catch {
      rmSync(checkout, { recursive: true, force: true });
      git('worktree', 'prune');
    }
  };
  const pnpm = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
  try {
    execFileSync('npx', ['-y', pnpm, 'install', '--frozen-lockfile', '--offline', '--ignore-scripts'], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    return { checkout, remove };
  } catch (error) {
    remove();
    const stderr = String((error as { stderr?: unknown }).stderr ?? error).trim().split('\n').at(-1);
    return { reason: `installing dd9b58c offline failed (${stderr})` };
  }
}

const bundles = new Map<string, Bundle>([
  ['public', await currentBundle('public', PUBLIC_API_ENTRY)],
  ['staff', await currentBundle('staff', API_ENTRY)],
]);
const publicWithoutSdk = await bundleLambda(PUBLIC_API_ENTRY, { external: ['@aws-sdk/*', '@smithy/*'] });

let removeWorktree = () => {};
let baselineTimed = false;
try {
  if (values.baseline === 'auto') {
    const prepared = prepareWorktree();
    if ('reason' in prepared) notes.push(`dd9b58c was not rebuilt: ${prepared.reason}. Its sizes are from bench/baseline/dd9b58c.json; its times are not compared.`);
    else {
      removeWorktree = prepared.remove;
      bundles.set('dd9b58c', await baselineBundle(prepared.checkout));
      baselineTimed = true;
    }
  } else if (values.baseline !== 'file') {
    if (!existsSync(join(values.baseline!, 'node_modules'))) throw new Error(`--baseline ${values.baseline}: not an installed checkout of dd9b58c (no node_modules)`);
    bundles.set('dd9b58c', await baselineBundle(values.baseline!));
    baselineTimed = true;
  } else notes.push('--baseline file: dd9b58c sizes are from bench/baseline/dd9b58c.json; its times are not compared.');

  // Interleaved and rotated, so a neighbour's benchmark slows every bundle alike.
  const names = [...bundles.keys()];
  const samples = new Map(names.map((name) => [name, [] as { importMs: number; invokeMs: number }[]]));
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(run + i) % names.length]!;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, bundles.get(name)!.file], { env, encoding: 'utf8' });
      samples.get(name)!.push(JSON.parse(out.trim().split('\n').at(-1)!) as { importMs: number; invokeMs: number });
    }
  }

  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const coldStart: Table = {};
  const totals = new Map<string, number>();
  for (const [name, list] of samples) {
    const total = list.map((s) => s.importMs + s.invokeMs);
    totals.set(name, median(total));
    coldStart[name] = { runs: list.length, 'import ms': median(list.map((s) => s.importMs)), 'first invoke ms': median(list.map((s) => s.invokeMs)), 'total ms': median(total), 'min ms': Math.min(...total), 'max ms': Math.max(...total) };
  }

  const old = bundles.get('dd9b58c') ?? { initialGzipBytes: baseline.initial.gzipBytes, totalGzipBytes: baseline.initial.gzipBytes, initialBytes: baseline.initial.bytes, files: 1 };
  const sizes: Table = {};
  for (const [name, bundle] of [...bundles].filter(([name]) => name !== 'dd9b58c')) {
    sizes[name] = { 'cold start gzip KB': bundle.initialGzipBytes / KB, 'all chunks gzip KB': bundle.totalGzipBytes / KB, 'cold start KB': bundle.initialBytes / KB, files: bundle.files };
  }
  sizes['public without AWS SDK'] = { 'cold start gzip KB': publicWithoutSdk.initial.gzipBytes / KB, 'all chunks gzip KB': publicWithoutSdk.total.gzipBytes / KB, 'cold start KB': publicWithoutSdk.initial.bytes / KB, files: publicWithoutSdk.files.size };
  sizes[baselineTimed ? 'dd9b58c (one API function)' : 'dd9b58c (one API function, from bench/baseline)'] = { 'cold start gzip KB': old.initialGzipBytes / KB, 'all chunks gzip KB': old.totalGzipBytes / KB, 'cold start KB': old.initialBytes / KB, files: old.files };

  const versus: Table = {};
  for (const name of ['public', 'staff']) {
    const bundle = bundles.get(name)!;
    versus[name] = {
      'cold start gzip, % of dd9b58c': (100 * bundle.initialGzipBytes) / old.initialGzipBytes,
      'cold start ms, % of dd9b58c': baselineTimed ? (100 * totals.get(name)!) / totals.get('dd9b58c')! : 'not timed in this run',
    };
  }

  const publicTotal = totals.get('public')!;
  const size = (name: string, kb: number, budget: number): Target => target(name, kb, 'KB gzip', `< ${budget} KB (infra/test/bundle-size.test.ts)`, kb < budget);
  writeBenchResult({
    name: 'cold-start',
    title: `Lambda bundle sizes (gzip) and cold start (import + first GET /api/config), median of ${runs} fresh Node processes per bundle, interleaved`,
    targets: [
      target('Public function: import + first invoke (median)', publicTotal, 'ms', '< 150 ms (issue 11)', publicTotal < 150),
      size('Public function: what a cold start loads', bundles.get('public')!.initialGzipBytes / KB, GZIP_BUDGETS_KB.publicInitial),
      size('Public function without the AWS SDK (as NodejsFunction would build it)', publicWithoutSdk.initial.gzipBytes / KB, GZIP_BUDGETS_KB.publicInitialWithoutSdk),
      size('Staff function: what a cold start loads', bundles.get('staff')!.initialGzipBytes / KB, GZIP_BUDGETS_KB.staffInitial),
      target('Staff ÷ public cold start (median, this run)', totals.get('staff')! / publicTotal, '×', 'reported', null),
      ...(baselineTimed ? [target('Public ÷ dd9b58c cold start (median, this run)', publicTotal / totals.get('dd9b58c')!, '×', 'reported', null)] : []),
    ],
    tables: { 'Bundle sizes': sizes, 'Cold start (ms, median of fresh processes)': coldStart, 'Against dd9b58c': versus },
    notes: [
      'dd9b58c had one API function for residents and staff, built by NodejsFunction into one file (no chunks); today public and staff are two functions whose rarely used code loads on first use.',
      'Cold start = dynamic import of index.mjs (module scope: env parsed, clients built) + the first invoke of GET /api/config, in a fresh Node process on this machine; Lambda adds its own init (runtime start, code download) which is not measured.',
      ...notes,
    ],
  });
} finally {
  removeWorktree();
  rmSync(dir, { recursive: true, force: true });
}
