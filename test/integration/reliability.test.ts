import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables, freePort, startDynamoDbLocal, type DynamoDbLocal } from '@wardpulse/dev';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';
import { describeLoad, expectNoDrift, runLoad } from '../support/load.ts';

/**
 * Nothing lost or counted twice under load, under injected throttling, conflicts and lost
 * answers, and across a table that goes away and comes back. Sizes come from the environment:
 * `pnpm test:load` runs 20,000 residents at concurrency 64; the suite runs 2,000.
 */
const SUBMISSIONS = Number(process.env.LOAD_SUBMISSIONS ?? 2_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
const FAULT_SUBMISSIONS = Math.max(300, Math.round(SUBMISSIONS / 4));

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});

async function publishedSurvey(app: ReturnType<typeof createTestApp>['app']) {
  const officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'] })}`, 'content-type': 'application/json' };
  const created = (await (await app.request('/api/staff/surveys', { method: 'POST', headers: officer, body: JSON.stringify({ template: 'priorities', slug: `load-${randomUUID().slice(0, 8)}` }) })).json()) as { survey: { id: string; revision: number } };
  const published = await app.request(`/api/staff/surveys/${created.survey.id}/publish`, { method: 'POST', headers: officer, body: JSON.stringify({ expectedRevision: created.survey.revision }) });
  expect(published.status).toBe(200);
  return created.survey.id;
}

describe('under load', () => {
  it(`stores ${SUBMISSIONS} residents' responses at concurrency ${CONCURRENCY}, with ~10% sent again and ~2% reusing an id, exactly once each`, { timeout: 900_000 }, async () => {
    const testApp = createTestApp({ issuer, tableName: await createTestTable() });
    const surveyId = await publishedSurvey(testApp.app);

    const report = await runLoad({ app: testApp.app, surveyId, submissions: SUBMISSIONS, concurrency: CONCURRENCY });

    console.info(describeLoad('load', report));
    expect(report.answers[201]).toBe(SUBMISSIONS);
    expect(report.storedBeforeTheAnswerWasLost).toBe(0);
    expect(report.answers[200]).toBeGreaterThan(SUBMISSIONS * 0.1);
    expect(report.answers[409]).toBeGreaterThan(0);
    expect(report.retried['500'] ?? 0).toBe(0);
    await expectNoDrift(testApp.repositories, surveyId, report);
  });
});

/** A storage error as the SDK raises it, with the fields our classifier reads. */
const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, $fault: 'server', $metadata: { httpStatusCode: 400 }, ...extra });

/**
 * Faults below every retry of ours and the SDK's (initialize step, where a test can reach):
 * throttling before a call, a transaction cancelled by a conflicting one, and a write that
 * DynamoDB applied but whose answer never arrived (the nastiest: a retry must be a replay).
 */
function injectFaults(rate: { throttle: number; conflict: number; lost: number }, seen: Record<string, number>) {
  let state = 7;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return (client: DynamoDBDocumentClient) => {
    client.middlewareStack.add(
      (next2, context) => async (args) => {
        const transaction = /TransactWrite/.test(context.commandName ?? '');
        const note = (fault: string) => (seen[fault] = (seen[fault] ?? 0) + 1);
        if (next() < rate.throttle) {
          note('throttled');
          throw sdkError('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.', { $retryable: { throttling: true } });
        }
        if (transaction && next() < rate.conflict) {
          note('conflict');
          throw sdkError('TransactionCanceledException', 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });
        }
        const result = await next2(args);
        if (transaction && next() < rate.lost) {
          note('lost answer');
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return result;
      },
      { step: 'initialize', name: 'injectFaults' },
    );
  };
}

describe('under storage faults', () => {
  it('answers throttling, conflicts and lost answers with 503 and Retry-After (never 500), and still stores each response exactly once', { timeout: 600_000 }, async () => {
    const seen: Record<string, number> = {};
    const tableName = await createTestTable();
    const clean = createTestApp({ issuer, tableName });
    const surveyId = await publishedSurvey(clean.app);
    const faulty = createTestApp({ issuer, tableName, instrument: injectFaults({ throttle: 0.04, conflict: 0.15, lost: 0.05 }, seen) });

    const report = await runLoad({ app: faulty.app, surveyId, submissions: FAULT_SUBMISSIONS, concurrency: 32 });

    console.info(describeLoad('faults', report), JSON.stringify(seen));
    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.conflict).toBeGreaterThan(0);
    expect(seen['lost answer']).toBeGreaterThan(0);
    expect(report.storedBeforeTheAnswerWasLost).toBeGreaterThan(0);
    expect(report.retried['503']).toBeGreaterThan(0);
    expect(report.retried['500'] ?? 0).toBe(0);
    expect(report.withoutRetryAfter).toBe(0);
    expect((report.answers[201] ?? 0) + report.storedBeforeTheAnswerWasLost).toBe(FAULT_SUBMISSIONS);
    await expectNoDrift(clean.repositories, surveyId, report);
  });

  describe('a table that stops mid-load and comes back', () => {
    let dynamo: DynamoDbLocal | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'wardpulse-restart-'));
    afterAll(async () => {
      await dynamo?.stop();
    });

    it('answers 503 while it is away and loses or doubles nothing across the restart', { timeout: 600_000 }, async () => {
      const port = await freePort();
      dynamo = await startDynamoDbLocal({ port, dataDir });
      const tableName = `wardpulse-restart-${randomUUID().slice(0, 8)}`;
      await ensureTables(dynamo.endpoint, tableName);
      const testApp = createTestApp({ issuer, tableName, endpoint: dynamo.endpoint });
      const surveyId = await publishedSurvey(testApp.app);
      let restarted: Promise<void> | undefined;
      let downFor = 0;

      const report = await runLoad({
        app: testApp.app,
        surveyId,
        submissions: FAULT_SUBMISSIONS,
        concurrency: 32,
        onAccepted: (accepted) => {
          if (accepted !== Math.round(FAULT_SUBMISSIONS / 3) || restarted) return;
          // Stopped with writes in flight; started again on the same port and files.
          restarted = (async () => {
            const stopped = performance.now();
            await dynamo!.stop();
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            dynamo = await startDynamoDbLocal({ port, dataDir });
            downFor = performance.now() - stopped;
          })();
        },
      });
      await restarted;

      console.info(describeLoad(`restart (table away ${(downFor / 1000).toFixed(1)} s)`, report));
      expect(restarted).toBeDefined();
      expect(report.retried['503']).toBeGreaterThan(0);
      expect(report.retried['500'] ?? 0).toBe(0);
      expect(report.withoutRetryAfter).toBe(0);
      expect((report.answers[201] ?? 0) + report.storedBeforeTheAnswerWasLost).toBe(FAULT_SUBMISSIONS);
      await expectNoDrift(testApp.repositories, surveyId, report);
    });
  });
});
