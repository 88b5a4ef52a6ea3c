/**
 * How every Lambda is bundled: esbuild, ESM for Node 22, minified, split into chunks so code a
 * request may never need (a spreadsheet writer, a sentiment lexicon, a mail client) loads on first
 * use instead of at cold start. `ApiFunction` deploys exactly this build; the size budgets
 * (`infra/test/bundle-size.test.ts`) and the cold-start bench measure it. Size is deterministic,
 * so it is asserted in tests; time is measured by `pnpm bench` only.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { REPO_ROOT } from './paths.ts';

/**
 * esbuild emits ESM, but some dependencies still call `require()`; give each output file a real
 * one. The alias keeps the banner's import from colliding with a bundled `createRequire`.
 */
export const REQUIRE_SHIM = "import { createRequire as __wardpulseCreateRequire } from 'node:module'; const require = __wardpulseCreateRequire(import.meta.url);";

/**
 * The handler module is `index.mjs`; lazily imported chunks sit beside it (not in a folder), so a
 * chunk's `import.meta.url` finds files copied beside the bundle, such as `highs.wasm`.
 * NodejsFunction cannot split (it passes `--outfile`), hence our own asset bundling.
 */
export const LAMBDA_ESBUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  splitting: true,
  entryNames: 'index',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  absWorkingDir: REPO_ROOT,
  banner: { js: REQUIRE_SHIM },
  logLevel: 'error',
};

/** The build `ApiFunction` runs into CDK's asset folder: the bundle, its source maps and `assets`. */
export function bundleLambdaInto(entry: string, outdir: string, assets: readonly string[] = []): void {
  const { metafile } = buildSync({ ...LAMBDA_ESBUILD, entryPoints: [entry], outdir, sourcemap: true, sourcesContent: false, metafile: true });
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [basename(path), output]));
  const reachable = reachableFrom(outputs, ['import-statement', 'dynamic-import']);
  for (const name of outputs.keys()) {
    if (name.endsWith('.mjs') && !reachable.has(name)) for (const file of [name, `${name}.map`]) rmSync(join(outdir, file), { force: true });
  }
  for (const file of assets) copyFileSync(file, join(outdir, basename(file)));
}

type Outputs = Map<string, Metafile['outputs'][string]>;

/**
 * The output files `index.mjs` loads through imports of these kinds, transitively. esbuild emits a
 * chunk for every `import()` it scans, even in code it then drops as unused; such chunks can never
 * load, so they are not deployed or counted.
 */
function reachableFrom(outputs: Outputs, kinds: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = ['index.mjs'];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const { path, kind } of outputs.get(name)?.imports ?? []) {
      if (kinds.includes(kind) && outputs.has(basename(path))) pending.push(basename(path));
    }
  }
  return seen;
}

export interface LambdaBundle {
  /** Every output file that can load, by name (`index.mjs` and its chunks), as deployed. */
  files: Map<string, Uint8Array>;
  /** What a cold start loads: `index.mjs` and the chunks it imports statically, transitively. */
  initial: BundlePart;
  /** Everything that can load: also the chunks loaded only by a dynamic `import()`. */
  total: BundlePart;
}

export interface BundlePart {
  files: string[];
  bytes: number;
  /** Each file gzipped on its own, summed (how the deployment zip compresses them, near enough). */
  gzipBytes: number;
  /** Bytes per npm package (or workspace folder) in these files. */
  packages: Map<string, number>;
}

/**
 * The gzip budgets (KB) the infra tests assert and the cold-start bench reports against: what a
 * cold start loads (`initial`), for each API function.
 */
export const GZIP_BUDGETS_KB = {
  /** The residents' function as deployed (AWS SDK bundled). */
  publicInitial: 210,
  /** The residents' function with `@aws-sdk/*` left out, as NodejsFunction would build it. */
  publicInitialWithoutSdk: 135,
  /** Measured 300 KB at 5b7dd5e; the margin leaves room for a feature, not for a new heavy library at cold start. */
  staffInitial: 330,
} as const;

const OUT = '/lambda-bundle';

/**
 * Builds one entry point in memory, as `ApiFunction` deploys it, with what a cold start loads.
 * `external` leaves packages out, e.g. `@aws-sdk/*` as CDK's NodejsFunction does by default for
 * runtimes that provide the SDK (we bundle it: see `infra/test/bundle-size.test.ts`).
 */
export async function bundleLambda(entry: string, options: { external?: string[] } = {}): Promise<LambdaBundle> {
  const result = await build({ ...LAMBDA_ESBUILD, entryPoints: [entry], outdir: OUT, write: false, metafile: true, ...(options.external ? { external: options.external } : {}) });
  const metafile = result.metafile as Metafile;
  const outputs: Outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [basename(path), output]));
  const reachable = reachableFrom(outputs, ['import-statement', 'dynamic-import']);
  const files = new Map(result.outputFiles.map((file) => [basename(file.path), file.contents] as const).filter(([name]) => reachable.has(name)));

  const part = (names: string[]): BundlePart => {
    const packages = new Map<string, number>();
    for (const name of names) {
      for (const [input, { bytesInOutput }] of Object.entries(outputs.get(name)?.inputs ?? {})) {
        const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
        packages.set(pkg, (packages.get(pkg) ?? 0) + bytesInOutput);
      }
    }
    const contents = names.map((name) => files.get(name)!);
    return {
      files: names,
      bytes: contents.reduce((sum, code) => sum + code.byteLength, 0),
      gzipBytes: contents.reduce((sum, code) => sum + gzipSync(code).byteLength, 0),
      packages,
    };
  };
  return { files, initial: part([...reachableFrom(outputs, ['import-statement'])].sort()), total: part([...files.keys()].sort()) };
}
