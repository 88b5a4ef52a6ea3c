import { describe, expect, it } from 'vitest';
import { bundleLambda, GZIP_BUDGETS_KB } from '../lib/bundle.ts';
import { API_ENTRY, PUBLIC_API_ENTRY } from '../lib/paths.ts';

const KB = 1024;
/** Staff-only code and clients the residents' function must never carry, not even lazily. */
const STAFF_ONLY = ['exceljs', 'jszip', 'highs', 'compromise', 'jstat', '@aws-sdk/client-s3', '@aws-sdk/client-lambda', '@aws-sdk/s3-request-presigner', '@scalar/hono-api-reference', 'csv-parse', 'topojson-server'];

describe('Lambda bundles, built as ApiFunction deploys them', () => {
  it('keeps staff-only libraries and clients out of the residents’ function, even as chunks loaded later', async () => {
    const publicBundle = await bundleLambda(PUBLIC_API_ENTRY);

    expect(STAFF_ONLY.filter((name) => publicBundle.total.packages.has(name))).toEqual([]);
  });

  it(`loads the residents’ function in under ${GZIP_BUDGETS_KB.publicInitial} KB gzip at cold start, leaving the sentiment lexicon and the mail client to first use`, async () => {
    const { initial, total } = await bundleLambda(PUBLIC_API_ENTRY);

    for (const lazy of ['vader-sentiment', '@aws-sdk/client-sesv2']) {
      expect(initial.packages.has(lazy), lazy).toBe(false);
      expect(total.packages.has(lazy), lazy).toBe(true);
    }
    // Issue 11 asked for 150 KB; the fixed stack alone is more. A Lambda of nothing but Hono, one
    // zod schema and a DynamoDB document-client GetItem bundles to 166 KB gzip (zod 4 classic
    // ~50 KB, AWS SDK v3 ~90 KB). Ours at 5b7dd5e: 204.5 KB.
    expect(initial.gzipBytes).toBeLessThan(GZIP_BUDGETS_KB.publicInitial * KB);
  });

  it(`ships under ${GZIP_BUDGETS_KB.publicInitialWithoutSdk} KB gzip of residents’ code and libraries beyond the AWS SDK, the budget as CDK’s NodejsFunction would build it`, async () => {
    // NodejsFunction leaves `@aws-sdk/*` out for Node 22 (the runtime provides it). We bundle the SDK
    // instead, so the function runs the SDK version our tests ran and loads it as one minified chunk
    // rather than from the runtime's many files; the budget above is what that deploys.
    const { initial, total } = await bundleLambda(PUBLIC_API_ENTRY, { external: ['@aws-sdk/*', '@smithy/*'] });

    expect([...total.packages.keys()].filter((name) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/'))).toEqual([]);
    expect(initial.gzipBytes).toBeLessThan(GZIP_BUDGETS_KB.publicInitialWithoutSdk * KB);
  });

  it(`loads the staff function in under ${GZIP_BUDGETS_KB.staffInitial} KB gzip at cold start, leaving spreadsheets, key phrases, the solver and S3 to first use`, async () => {
    const { initial, total } = await bundleLambda(API_ENTRY);

    for (const lazy of ['exceljs', 'compromise', 'highs', '@aws-sdk/client-s3', '@aws-sdk/client-lambda']) {
      expect(initial.packages.has(lazy), lazy).toBe(false);
      expect(total.packages.has(lazy), lazy).toBe(true);
    }
    expect(initial.gzipBytes).toBeLessThan(GZIP_BUDGETS_KB.staffInitial * KB);
  });

  it('carries no zod locale but English', async () => {
    const { initial } = await bundleLambda(PUBLIC_API_ENTRY);

    expect(initial.packages.get('zod') ?? 0).toBeLessThan(200 * KB);
  });
});
