import { describe, expect, it } from 'vitest';
import type { Counters } from '@wardpulse/domain';
import { solve as plainSolve, type Solve } from '../results/disclosure.ts';
import { FOUR_WARDS } from '../results/test-support.ts';
import { messageKpiReport, messageKpiTable, publishedKpiRows, type KpiMessage } from './report.ts';

/**
 * Hand-computed fixtures: the expected figures below were worked out from the counters with the
 * textbook formulas (Wilson score interval, pooled two-proportion z test, Holm, Pearson's r) in a
 * separate script, not by the code under test. Every non-zero count is ≥ 10, so nothing is withheld
 * in the first fixtures; the last ones are about disclosure control.
 */

const geography = FOUR_WARDS;

const message = (id: string, sentAt: string, readability: number, counters: Record<string, Counters>): KpiMessage => ({ id, title: `Message ${id}`, sentAt, readability, counters: new Map(Object.entries(counters)) });

const m1 = message('m1', '2026-01-15T10:00:00.000Z', 6, {
  E05000001: { recipients: 200, views: 120, ratings: 40, r3: 10, r4: 10, r5: 20, stars: 170, replies: 20, 's#positive': 10, 's#negative': 10, 's#sum': 0, shares: 10, 'sh#whatsapp': 10, followups: 10 },
  E05000003: { recipients: 100, views: 50, ratings: 20, r4: 10, r5: 10, stars: 90 },
  none: { views: 30, ratings: 10, r5: 10, stars: 50 },
});
const m2 = message('m2', '2026-04-10T10:00:00.000Z', 9.5, {
  E05000001: { recipients: 200, views: 150, ratings: 60, r4: 10, r5: 50, stars: 290, replies: 40, 's#positive': 30, 's#neutral': 10, 's#sum': 12, shares: 20, 'sh#copy': 10, 'sh#facebook': 10 },
  E05000003: { recipients: 100, views: 80, ratings: 30, r4: 10, r5: 20, stars: 140, replies: 10, 's#positive': 10, 's#sum': 5 },
});
const m3 = message('m3', '2026-02-10T10:00:00.000Z', 8, { E05000001: { recipients: 100, ratings: 20, r3: 10, r5: 10, stars: 80 } });
const draftLike = message('m0', '2025-06-01T10:00:00.000Z', 3, { E05000001: { recipients: 1000 } });

const allTime = { from: null, to: null };

describe('messageKpiReport', () => {
  it('computes the pilot’s KPIs for the force over a period', async () => {
    const report = await messageKpiReport(geography, [m1, m2, m3, draftLike], { level: 'district', period: { from: '2026-01-01T00:00:00.000Z', to: null }, compare: null, threshold: 10 });

    expect(report.messages).toBe(3);
    expect(report.totals).toEqual({
      recipients: 700,
      views: 430,
      ratings: 180,
      satisfaction: { status: 'shown', count: 160, n: 180, share: 0.8889, lower: 0.8346, upper: 0.9269 },
      meanStars: 4.556,
      replies: 70,
      interactionRate: { status: 'shown', count: 250, n: 700, share: 0.3571, lower: 0.3225, upper: 0.3933 },
      shares: 30,
      shareRate: { status: 'shown', count: 30, n: 700, share: 0.0429, lower: 0.0302, upper: 0.0605 },
      sharesByChannel: { copy: 10, whatsapp: 10, facebook: 10 },
      readability: 7.83,
      replySentiment: {
        positive: { status: 'shown', count: 50, n: 70, share: 0.7143, lower: 0.5995, upper: 0.8068 },
        neutral: { status: 'shown', count: 10, n: 70, share: 0.1429, lower: 0.0795, upper: 0.2434 },
        negative: { status: 'shown', count: 10, n: 70, share: 0.1429, lower: 0.0795, upper: 0.2434 },
        meanScore: 0.243,
      },
      followUps: 10,
    });
  });

  it('rolls wards up into districts, with the shared-link bucket as its own row', async () => {
    const report = await messageKpiReport(geography, [m1, m2, m3], { level: 'district', period: allTime, compare: null, threshold: 10 });

    expect(report.units.map((u) => u.code)).toEqual(['E08000001', 'E08000002', 'none']);
    const [north, south, none] = report.units;
    expect(north).toMatchObject({ messages: 3, kpis: { recipients: 500, views: 270, ratings: 120, meanStars: 4.5, readability: 7.83 } });
    expect(north!.kpis.satisfaction).toEqual({ status: 'shown', count: 100, n: 120, share: 0.8333, lower: 0.7565, upper: 0.8894 });
    expect(north!.kpis.interactionRate).toEqual({ status: 'shown', count: 180, n: 500, share: 0.36, lower: 0.3191, upper: 0.403 });
    expect(north!.kpis.shareRate).toEqual({ status: 'shown', count: 30, n: 500, share: 0.06, lower: 0.0423, upper: 0.0844 });
    expect(south).toMatchObject({ messages: 2, kpis: { recipients: 200, ratings: 50, meanStars: 4.6, readability: 7.75 } });
    expect(south!.kpis.satisfaction).toEqual({ status: 'shown', count: 50, n: 50, share: 1, lower: 0.9287, upper: 1 });
    expect(south!.kpis.interactionRate).toEqual({ status: 'shown', count: 60, n: 200, share: 0.3, lower: 0.2407, upper: 0.3668 });
    expect(south!.kpis.shareRate).toEqual({ status: 'shown', count: 0, n: 200, share: 0, lower: 0, upper: 0.0188 });
    // Device raters from shared links: no recipients, so no rates, but their ratings count.
    expect(none).toMatchObject({ level: 'none', messages: 1, kpis: { recipients: 0, ratings: 10, readability: 6, interactionRate: { status: 'empty' } } });
    expect(none!.kpis.satisfaction).toEqual({ status: 'shown', count: 10, n: 10, share: 1, lower: 0.7225, upper: 1 });
  });

  it('compares a period with a baseline by two-proportion z tests, Holm-adjusted', async () => {
    const report = await messageKpiReport(geography, [m1, m2, m3], {
      level: 'district',
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' },
      compare: { from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
      threshold: 10,
    });

    const comparison = report.comparison!;
    expect(comparison.before).toMatchObject({ messages: 2, totals: { recipients: 400, ratings: 90 } });
    expect(comparison.after).toMatchObject({ messages: 1, totals: { recipients: 300, ratings: 90 } });
    const row = (unit: string, measure: string) => comparison.rows.find((r) => r.unitCode === unit && r.measure === measure)!;
    expect(comparison.rows).toHaveLength(9);

    expect(row('force', 'satisfaction')).toMatchObject({ difference: 0.2222, z: 4.743, significant: true });
    expect(row('force', 'satisfaction').p).toBeCloseTo(2.1014359560124517e-6, 12);
    expect(row('force', 'satisfaction').pAdjusted).toBeCloseTo(1.260861573607471e-5, 10);
    expect(row('force', 'interactionRate')).toMatchObject({ difference: 0.1917, z: 5.237, relativeChange: 0.697, significant: true });
    expect(row('force', 'shareRate')).toMatchObject({ difference: 0.0417, z: 2.694, relativeChange: 1.6667, significant: true });
    expect(row('force', 'shareRate').pAdjusted).toBeCloseTo(0.021206558812642915, 10);
    expect(row('E08000001', 'shareRate').pAdjusted).toBeCloseTo(0.010141155742260387, 10);
    // Everyone satisfied in both periods: nothing to test against.
    expect(row('E08000002', 'satisfaction')).toMatchObject({ difference: 0, z: 0, p: 1, pAdjusted: 1, significant: false });
    expect(row('E08000002', 'shareRate')).toMatchObject({ relativeChange: null, significant: false });
  });

  it('relates readability to satisfaction across the period’s messages', async () => {
    const report = await messageKpiReport(geography, [m1, m2, m3], { level: 'force', period: allTime, compare: null, threshold: 10 });

    expect(report.units.map((u) => u.code)).toEqual(['force']);
    expect(report.scatter.points).toEqual([
      { messageId: 'm1', title: 'Message m1', readability: 6, satisfaction: 0.8571, ratings: 70 },
      { messageId: 'm2', title: 'Message m2', readability: 9.5, satisfaction: 1, ratings: 90 },
      { messageId: 'm3', title: 'Message m3', readability: 8, satisfaction: 0.5, ratings: 20 },
    ]);
    expect(report.scatter).toMatchObject({ n: 3, r: 0.1974 });
  });

  it('has no correlation below three messages', async () => {
    const report = await messageKpiReport(geography, [m1, m2], { level: 'ward', period: allTime, compare: null, threshold: 10 });

    expect(report.scatter).toMatchObject({ n: 2, r: null });
  });
});

describe('disclosure control', () => {
  // Brook has 5 recipients: withheld (primary). Abbey goes too, or North − Abbey = Brook. Brook's
  // area (Centre = Brook + Castle) would give it away as well: withholding the area costs less than
  // withholding Castle, which would take South (= Castle alone) with it. The force total still
  // shows: what is withheld beneath it adds up to more than the threshold everywhere.
  const small = message('m4', '2026-05-01T10:00:00.000Z', 9, {
    E05000001: { recipients: 100, ratings: 30, r4: 15, r5: 15, stars: 135 },
    E05000002: { recipients: 5, ratings: 3, r5: 3, stars: 15 },
    E05000003: { recipients: 100, ratings: 30, r4: 15, r5: 15, stars: 135 },
  });

  it('withholds a small ward, and the neighbours that would give it away by subtraction', async () => {
    const { totals, units } = await messageKpiTable(geography, small, 10);

    const [abbey, brook, castle] = ['E05000001', 'E05000002', 'E05000003'].map((code) => units.find((u) => u.code === code)!);
    expect(brook!.kpis.satisfaction).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(brook!.kpis.interactionRate).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(brook!.kpis.meanStars).toBeNull();
    expect(abbey!.kpis.satisfaction).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(abbey!.kpis.shareRate).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(castle!.kpis.satisfaction).toMatchObject({ status: 'shown', count: 30, n: 30 });
    expect(totals.satisfaction).toMatchObject({ status: 'shown', count: 63, n: 63 });
  });

  it('withholds the mean of stars when a star bucket is withheld', async () => {
    const mixed = message('m5', '2026-05-01T10:00:00.000Z', 9, { E05000001: { recipients: 100, ratings: 40, r2: 4, r3: 6, r4: 10, r5: 20, stars: 166 } });

    const { totals } = await messageKpiTable(geography, mixed, 10);

    expect(totals.meanStars).toBeNull();
    // r2 and r3 are withheld but together make 10: satisfaction (30 of 40) cannot give either away.
    expect(totals.satisfaction).toMatchObject({ status: 'shown', count: 30, n: 40 });
  });

  it('publishes counts under the same control: a withheld count is never shown as a number', async () => {
    const rows = await publishedKpiRows(geography, [small], { level: 'ward', period: allTime, threshold: 10 });

    expect(rows.find((r) => r.code === 'E05000002')!.counts).toMatchObject({ recipients: { status: 'suppressed', reason: 'primary' }, ratings: { status: 'suppressed', reason: 'primary' } });
    expect(rows.find((r) => r.code === 'E05000001')!.counts.recipients).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(rows.find((r) => r.code === 'E05000003')!.counts.recipients).toEqual({ status: 'shown', value: 100 });
    const areas = await publishedKpiRows(geography, [small], { level: 'area', period: allTime, threshold: 10 });
    expect(areas.find((r) => r.code === 'centre')!.counts.recipients).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(rows.find((r) => r.code === 'E05000004')!.counts.recipients).toEqual({ status: 'empty' });
    expect(rows.at(-1)).toMatchObject({ level: 'force', counts: { recipients: { status: 'shown', value: 205 }, ratings: { status: 'shown', value: 63 } } });
  });

  it('solves every disclosure system through the solve it is given (a server’s memo), with the same figures', async () => {
    let calls = 0;
    const counting: Solve = async (system, threshold) => {
      calls += 1;
      return await plainSolve(system, threshold);
    };
    const options = { level: 'ward', period: allTime, compare: allTime, threshold: 10 } as const;

    expect(await messageKpiReport(geography, [small], { ...options, solve: counting, now: new Date(0) })).toEqual(await messageKpiReport(geography, [small], { ...options, now: new Date(0) }));
    // The period, the baseline and the one message's own table.
    expect(calls).toBe(3);
    expect(await publishedKpiRows(geography, [small], { ...options, solve: counting })).toEqual(await publishedKpiRows(geography, [small], options));
    expect(await messageKpiTable(geography, small, 10, counting)).toEqual(await messageKpiTable(geography, small, 10));
    expect(calls).toBe(5);
  });
});
