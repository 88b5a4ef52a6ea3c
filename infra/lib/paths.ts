/**
 * Where things live in the repository, resolved from this file so the CDK app, the tests and
 * `cdk synth` agree whatever the working directory.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const fromRepoRoot = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** The monorepo root: esbuild's working directory and the Lambda assets' source. */
export const REPO_ROOT = fromRepoRoot('.').replace(/\/$/, '');

/** The staff API's Lambda entry point (exports `handler`): `/api/staff/*` and the API reference. Infra points at it and never imports it. */
export const API_ENTRY = fromRepoRoot('functions/src/api/lambda/staff.ts');

/** The residents' (public) API's Lambda entry point (exports `handler`): every other `/api/*` path. */
export const PUBLIC_API_ENTRY = fromRepoRoot('functions/src/api/lambda/public.ts');

/** The background import job's Lambda entry point (exports `handler`), invoked by the API. */
export const IMPORT_ENTRY = fromRepoRoot('functions/src/jobs/import-handler.ts');

/** The background export job's Lambda entry point (exports `handler`), invoked by the API. */
export const EXPORT_ENTRY = fromRepoRoot('functions/src/jobs/export-handler.ts');

/** The community-message send job's Lambda entry point (exports `handler`), invoked by the API and by itself. */
export const SEND_ENTRY = fromRepoRoot('functions/src/jobs/send-handler.ts');

/** The each-minute scheduler's Lambda entry point: due messages started, stalled sends resumed. */
export const SCHEDULE_ENTRY = fromRepoRoot('functions/src/jobs/schedule-handler.ts');

/** The SES bounce and complaint handler's Lambda entry point (exports `handler`), subscribed to the events topic. */
export const BOUNCE_ENTRY = fromRepoRoot('functions/src/jobs/bounce-handler.ts');

/** The built web app (`pnpm --filter @wardpulse/web build`). */
export const WEB_DIST = fromRepoRoot('web/dist');

export const ROOT_PACKAGE_JSON = fromRepoRoot('package.json');

/**
 * HiGHS's WebAssembly binary, which `@wardpulse/analytics` (disclosure control) loads from beside
 * the bundle at run time (`new URL('highs.wasm', import.meta.url)`): esbuild does not copy it.
 */
export const HIGHS_WASM = createRequire(fromRepoRoot('packages/analytics/package.json')).resolve('highs/runtime');
