/**
 * A crowd of residents for load and fault tests: each submits one response through the API the
 * way the resident outbox does — sending again on a 5xx, a lost connection or a 429 until it gets
 * a definite answer — some send the same response again later (a device that never saw its
 * receipt), and a few send a different body under an id already used. What the API accepted is
 * tallied here, independently of the server, so the stored counters can be checked to the unit.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Repositories } from '@wardpulse/data';
import { random } from '@wardpulse/dev';

type App = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

export const LOAD_WARDS = ['E05001278', 'E05001279', 'E05001280', 'E05001281', 'E05001282', 'E05001283', 'E05001284', 'E05001285'] as const;
const SAFETY = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe'] as const;

export interface LoadOptions {
  app: App;
  surveyId: string;
  submissions: number;
  concurrency: number;
  /** Share of residents who send their response again after the receipt (default 0.1). */
  resendShare?: number;
  /** Share who then send a different body under the same id (default 0.02). */
  clashShare?: number;
  /** Called after each definite first answer, with how many there have been. */
  onAccepted?: (accepted: number) => void | Promise<void>;
  /** Give up on one request after this long (a table restart takes a JVM start). */
  patienceMs?: number;
}

export interface LoadReport {
  submissions: number;
  /** Final answers by status (201 first sends, 200 replays, 409 clashes). */
  answers: Record<number, number>;
  /** Every attempt that did not get a definite answer, by status (or `network`). */
  retried: Record<string, number>;
  /** 503 answers that came without Retry-After (should be none). */
  withoutRetryAfter: number;
  /** First sends whose definite answer was a replay: an earlier attempt was stored, its answer lost. */
  storedBeforeTheAnswerWasLost: number;
  /** What was accepted: ward → respondents, and ward → safety option → count. */
  expected: { n: Map<string, number>; safety: Map<string, Map<string, number>> };
  acceptedIds: Set<string>;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Planned {
  index: number;
  body: { id: string; surveyId: string; version: number; locale: string; answers: Record<string, unknown> };
  ward: string;
  safety: string;
  resends: number;
  clash: boolean;
}

function answersFor(ward: string, safety: string) {
  return {
    area: { wardCode: ward, method: 'postcode' },
    top_priorities: { ranking: ['drugs', 'asb', 'roads'] },
    safe_after_dark: { optionId: safety },
    feel_safer: { optionIds: ['sense_of_community'] },
  };
}

export async function runLoad(options: LoadOptions, seed = 20261204): Promise<LoadReport> {
  const next = random(seed);
  const resendShare = options.resendShare ?? 0.1;
  const clashShare = options.clashShare ?? 0.02;
  const patience = options.patienceMs ?? 120_000;
  const plans: Planned[] = Array.from({ length: options.submissions }, (_, index) => {
    const ward = LOAD_WARDS[Math.floor(next() * LOAD_WARDS.length)]!;
    const safety = SAFETY[Math.floor(next() * SAFETY.length)]!;
    const draw = next();
    return {
      index,
      ward,
      safety,
      body: { id: randomUUID(), surveyId: options.surveyId, version: 1, locale: 'en', answers: answersFor(ward, safety) },
      resends: draw < resendShare ? 1 + Math.floor(next() * 2) : 0,
      clash: draw >= resendShare && draw < resendShare + clashShare,
    };
  });
  const report: LoadReport = {
    submissions: options.submissions,
    answers: {},
    retried: {},
    withoutRetryAfter: 0,
    storedBeforeTheAnswerWasLost: 0,
    expected: { n: new Map(), safety: new Map() },
    acceptedIds: new Set(),
    elapsedMs: 0,
  };
  const receipts = new Map<string, unknown>();
  let accepted = 0;

  /** One resident's request, sent until it gets a definite answer, as the outbox does. */
  async function send(plan: Planned, body: Planned['body']): Promise<{ status: number; json: Record<string, unknown>; attempts: number }> {
    const deadline = Date.now() + patience;
    // One address per resident (the one hop the test app trusts), so the per-address limit is not what is tested.
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': `10.${(plan.index >> 16) & 255}.${(plan.index >> 8) & 255}.${plan.index & 255}` };
    for (let attempt = 1; ; attempt++) {
      let outcome: string;
      try {
        const response = await options.app.request('/api/public/responses', { method: 'POST', headers, body: JSON.stringify(body) });
        if ([200, 201, 409, 422].includes(response.status)) return { status: response.status, json: (await response.json()) as Record<string, unknown>, attempts: attempt };
        if (response.status === 503 && !response.headers.get('retry-after')) report.withoutRetryAfter++;
        await response.body?.cancel();
        outcome = String(response.status);
      } catch {
        outcome = 'network';
      }
      report.retried[outcome] = (report.retried[outcome] ?? 0) + 1;
      if (Date.now() > deadline) throw new Error(`No definite answer for response ${plan.index} after ${attempt} attempts (last: ${outcome}).`);
      // The outbox backs off; tests scale its waits down from seconds to tens of milliseconds.
      await sleep(Math.min(500, 10 * 2 ** Math.min(attempt, 6)) * (0.5 + next()));
    }
  }

  const tally = (status: number) => {
    report.answers[status] = (report.answers[status] ?? 0) + 1;
  };

  async function resident(plan: Planned) {
    const first = await send(plan, plan.body);
    tally(first.status);
    // A 201, or — when an earlier attempt was stored but its answer lost — the replay of it.
    const definite = first.status === 201 || (first.status === 200 && first.json.replayed === true && first.attempts > 1);
    expect(definite, `first send of response ${plan.index} (${first.attempts} attempts): ${first.status} ${JSON.stringify(first.json)}`).toBe(true);
    if (first.status === 200) report.storedBeforeTheAnswerWasLost++;
    report.acceptedIds.add(plan.body.id);
    receipts.set(plan.body.id, first.json);
    report.expected.n.set(plan.ward, (report.expected.n.get(plan.ward) ?? 0) + 1);
    const byOption = report.expected.safety.get(plan.ward) ?? new Map<string, number>();
    byOption.set(plan.safety, (byOption.get(plan.safety) ?? 0) + 1);
    report.expected.safety.set(plan.ward, byOption);
    accepted++;
    await options.onAccepted?.(accepted);
    for (let resend = 0; resend < plan.resends; resend++) {
      const again = await send(plan, plan.body);
      tally(again.status);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ ...(first.json as object), replayed: true });
    }
    if (plan.clash) {
      const other = SAFETY.find((option) => option !== plan.safety)!;
      const clash = await send(plan, { ...plan.body, answers: answersFor(plan.ward, other) });
      tally(clash.status);
      expect(clash.status).toBe(409);
    }
  }

  const started = performance.now();
  let cursor = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, plans.length) }, async () => {
      while (cursor < plans.length) await resident(plans[cursor++]!);
    }),
  );
  report.elapsedMs = performance.now() - started;
  return report;
}

/**
 * Asserts the survey's stored counters are exactly what the crowd had accepted — respondents per
 * ward and each safety option per ward — and that recounting the stored raw responses gives the
 * same: nothing lost, nothing counted twice, no drift between answers and aggregates.
 */
export async function expectNoDrift(repositories: Repositories, surveyId: string, report: LoadReport) {
  const { main } = await repositories.responses.aggregates(surveyId, 1);
  const stored = { n: new Map<string, number>(), safety: new Map<string, Map<string, number>>() };
  for (const [ward, counters] of main) {
    stored.n.set(ward, counters.n ?? 0);
    stored.safety.set(ward, new Map(SAFETY.flatMap((option) => (counters[`safe_after_dark#o#${option}`] ? [[option, counters[`safe_after_dark#o#${option}`]!] as const] : []))));
  }
  expect(stored).toEqual(report.expected);

  const recount = { n: new Map<string, number>(), safety: new Map<string, Map<string, number>>() };
  const ids = new Set<string>();
  for await (const page of repositories.responses.scanVersion(surveyId, 1)) {
    for (const response of page) {
      ids.add(response.id);
      const ward = response.wardCode ?? 'none';
      recount.n.set(ward, (recount.n.get(ward) ?? 0) + 1);
      const option = (response.answers.safe_after_dark as { optionId: string }).optionId;
      const byOption = recount.safety.get(ward) ?? new Map<string, number>();
      byOption.set(option, (byOption.get(option) ?? 0) + 1);
      recount.safety.set(ward, byOption);
    }
  }
  expect(ids).toEqual(report.acceptedIds);
  expect(recount).toEqual(report.expected);
}

/** One line for the log: what the crowd sent and met. */
export function describeLoad(label: string, report: LoadReport) {
  const rate = Math.round((report.submissions / report.elapsedMs) * 1000);
  return `${label}: ${report.submissions} residents in ${(report.elapsedMs / 1000).toFixed(1)} s (${rate}/s); answers ${JSON.stringify(report.answers)}; retried ${JSON.stringify(report.retried)}; stored before the answer was lost ${report.storedBeforeTheAnswerWasLost}`;
}
