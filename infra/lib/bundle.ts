/**
 * The Lambda bundles as CDK builds them (the same esbuild options as `ApiFunction`'s `bundling`),
 * for the size budgets in `infra/test/bundle-size.test.ts` and the cold-start bench. Size is
 * deterministic, so it is asserted in tests; time is measured by `pnpm bench` only.
 */
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { REQUIRE_SHIM } from './constructs/api-function.ts';
import { REPO_ROOT } from './paths.ts';

/** What `ApiFunction` sets, as esbuild options (format ESM, node22, minified, banner for `require`). */
export const LAMBDA_ESBUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  absWorkingDir: REPO_ROOT,
  banner: { js: REQUIRE_SHIM },
};

export interface LambdaBundle {
  code: Uint8Array;
  bytes: number;
  gzipBytes: number;
  /** Bytes in the bundle per npm package (or workspace folder). */
  packages: Map<string, number>;
}

/** Builds one entry point in memory, as CDK would, with its per-package make-up. */
export async function bundleLambda(entry: string): Promise<LambdaBundle> {
  const result = await build({ ...LAMBDA_ESBUILD, entryPoints: [entry], write: false, metafile: true, outfile: 'bundle.mjs', logLevel: 'error' });
  const file = result.outputFiles?.find((f) => f.path.endsWith('.mjs'));
  if (!file) throw new Error(`esbuild wrote no bundle for ${entry}`);
  const packages = new Map<string, number>();
  for (const output of Object.values(result.metafile?.outputs ?? {})) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
    }
  }
  return { code: file.contents, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents).byteLength, packages };
}
