import {
  mergeCounters,
  type Counters,
  type KpiChangeRow,
  type KpiComparison,
  type KpiMeasure,
  type KpiUnit,
  type MessageKpiReport,
  type MessageKpis,
  type Period,
  type ResultLevel,
  type ShareCell,
  type SuppressionReason,
} from '@wardpulse/domain';
import { sampleCorrelation } from 'simple-statistics';
import { cellId, type Decisions, type Solve } from '../results/disclosure.ts';
import { buildUnitTree, FORCE, NONE, rollUp, unitKey, unitsOfLevel, type ResultGeography, type UnitTree } from '../results/units.ts';
import { adjustPValues, twoProportionTest } from '../tests.ts';
import { discloseMessages, withDerived } from './disclosure.ts';
import { unitKpis } from './project.ts';

/**
 * The pilot's KPIs over a period, per unit, from message × ward aggregates. Pure: the service
 * reads messages, aggregates, geography and settings and hands them in.
 */

/** What a KPI table needs of one message. */
export interface KpiMessage {
  id: string;
  title: string;
  sentAt: string | null;
  /** The stored 0–10 readability score. */
  readability: number;
  /** Ward (or `none`) → counters. */
  counters: ReadonlyMap<string, Counters>;
}

export interface KpiOptions {
  level: ResultLevel;
  period: Period;
  /** The baseline to compare the period with. */
  compare: Period | null;
  threshold: number;
  alpha?: number;
  now?: Date;
  /** Solves each disclosure system: the plain solve by default; functions passes its memo. */
  solve?: Solve;
}

const MEASURES: readonly KpiMeasure[] = ['satisfaction', 'interactionRate', 'shareRate'];
const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

export const inPeriod = (sentAt: string | null, period: Period) => sentAt !== null && (period.from === null || sentAt >= period.from) && (period.to === null || sentAt < period.to);

interface PeriodTable {
  tree: UnitTree;
  counters: Map<string, Counters>;
  decisions: Decisions;
  /** Unit key → [messages reaching it, sum of their readability]. */
  reach: Map<string, { messages: number; readability: number }>;
  messages: number;
}

const hasActivity = (counters: Counters | undefined) => Object.values(counters ?? {}).some((value) => value !== 0);

/**
 * The geography with activity: its wards, their districts, and the areas holding them (with only
 * those wards). Wards without any add zeros to every sum, so leaving them out of the disclosure
 * solve changes no total and no decision (a zero is never withheld for being small), and makes
 * the solve a fraction of the size.
 */
function reachedGeography(geography: ResultGeography, buckets: Iterable<string>): ResultGeography {
  const reached = new Set(buckets);
  const wards = geography.wards.filter((w) => reached.has(w.code));
  const districts = new Set(wards.map((w) => w.districtCode));
  return {
    vintage: geography.vintage,
    wards,
    districts: geography.districts.filter((d) => districts.has(d.code)),
    areas: geography.areas.flatMap((a) => {
      const wardCodes = a.wardCodes.filter((code) => reached.has(code));
      return wardCodes.length > 0 ? [{ ...a, wardCodes }] : [];
    }),
  };
}

async function periodTable(geography: ResultGeography, messages: readonly KpiMessage[], threshold: number, solve: Solve | undefined): Promise<PeriodTable> {
  const buckets = new Map<string, Counters>();
  for (const message of messages) for (const [ward, counters] of message.counters) buckets.set(ward, mergeCounters(buckets.get(ward) ?? {}, counters));
  const tree = buildUnitTree(geography, buckets.keys());
  const counters = rollUp(tree, buckets);
  for (const values of counters.values()) withDerived(values);
  const reach = new Map<string, { messages: number; readability: number }>();
  for (const message of messages) {
    for (const [key, values] of rollUp(tree, message.counters)) {
      if (!hasActivity(values)) continue;
      const entry = reach.get(key) ?? { messages: 0, readability: 0 };
      entry.messages += 1;
      entry.readability += message.readability;
      reach.set(key, entry);
    }
  }
  // Disclosure is solved over the units with activity only (see `reachedGeography`); the full tree lists the rows.
  const active = [...buckets].filter(([, values]) => hasActivity(values)).map(([ward]) => ward);
  const solved = buildUnitTree(reachedGeography(geography, active), active);
  return { tree, counters, decisions: await discloseMessages(solved, counters, threshold, solve), reach, messages: messages.length };
}

function kpisOf(table: PeriodTable, key: string): MessageKpis {
  const reach = table.reach.get(key);
  return unitKpis(key, table.counters.get(key) ?? {}, table.decisions, reach ? reach.readability / reach.messages : null);
}

function unitRows(table: PeriodTable, geography: ResultGeography, level: ResultLevel): KpiUnit[] {
  const noneHasData = hasActivity(table.counters.get(NONE));
  return unitsOfLevel(table.tree, geography, level, null, noneHasData).map((unit) => ({
    level: unit.level,
    code: unit.code,
    name: unit.name,
    parentCode: unit.parentCode,
    messages: table.reach.get(unit.key)?.messages ?? 0,
    kpis: kpisOf(table, unit.key),
  }));
}

/** A count as published: shown, withheld (and why), or nothing to count. */
export type CountCell = { status: 'shown'; value: number } | { status: 'suppressed'; reason: SuppressionReason } | { status: 'empty' };
export const PUBLISHED_COUNTS = ['recipients', 'views', 'ratings', 'replies', 'shares'] as const;
export type PublishedCount = (typeof PUBLISHED_COUNTS)[number];

/** A KPI row for publication: the unit's KPIs and its counts under disclosure control. */
export interface PublishedRow extends KpiUnit {
  counts: Record<PublishedCount, CountCell>;
}

function publishedRows(table: PeriodTable, units: readonly KpiUnit[]): PublishedRow[] {
  return units.map((unit) => {
    const key = unitKey(unit.level, unit.code);
    const values = table.counters.get(key) ?? {};
    const counts = Object.fromEntries(
      PUBLISHED_COUNTS.map((name): [PublishedCount, CountCell] => {
        const reason = table.decisions.get(cellId(key, name));
        if (reason) return [name, { status: 'suppressed', reason }];
        const value = values[name] ?? 0;
        return [name, value === 0 ? { status: 'empty' } : { status: 'shown', value }];
      }),
    ) as Record<PublishedCount, CountCell>;
    return { ...unit, counts };
  });
}

function changeRows(before: PeriodTable, after: PeriodTable, geography: ResultGeography, level: ResultLevel, alpha: number): KpiChangeRow[] {
  const units = [...(level === 'force' ? [] : unitsOfLevel(after.tree, geography, level, null, false)), after.tree.byKey.get(FORCE)!];
  const rows: KpiChangeRow[] = [];
  for (const unit of units) {
    // Units exist in both trees when they are in the geography; wards only seen in one period are skipped.
    if (!before.tree.byKey.has(unit.key)) continue;
    const beforeKpis = kpisOf(before, unit.key);
    const afterKpis = kpisOf(after, unit.key);
    if (beforeKpis.recipients === 0 && afterKpis.recipients === 0 && beforeKpis.ratings === 0 && afterKpis.ratings === 0) continue;
    for (const measure of MEASURES) {
      const beforeCell: ShareCell = beforeKpis[measure];
      const afterCell: ShareCell = afterKpis[measure];
      const row: KpiChangeRow = { unitCode: unit.code, unitName: unit.name, measure, before: beforeCell, after: afterCell, difference: null, relativeChange: null, z: null, p: null, pAdjusted: null, significant: false };
      if (beforeCell.status === 'shown' && afterCell.status === 'shown') {
        const test = twoProportionTest(beforeCell.count, beforeCell.n, afterCell.count, afterCell.n);
        row.difference = round(test.difference);
        row.relativeChange = beforeCell.count > 0 ? round(afterCell.count / afterCell.n / (beforeCell.count / beforeCell.n) - 1) : null;
        row.z = round(test.z, 3);
        row.p = test.p;
      }
      rows.push(row);
    }
  }
  const tested = rows.filter((row) => row.p !== null);
  const adjusted = adjustPValues(tested.map((row) => row.p!), 'holm');
  tested.forEach((row, index) => {
    row.pAdjusted = adjusted[index]!;
    row.significant = adjusted[index]! < alpha;
  });
  return rows;
}

/** A message's KPIs by ward and for the whole force, with disclosure solved over all levels (by `solve`, see `KpiOptions`). */
export async function messageKpiTable(geography: ResultGeography, message: KpiMessage, threshold: number, solve?: Solve): Promise<{ totals: MessageKpis; units: KpiUnit[] }> {
  const table = await periodTable(geography, [message], threshold, solve);
  return { totals: kpisOf(table, FORCE), units: unitRows(table, geography, 'ward').filter((unit) => unit.messages > 0) };
}

/** Pearson's r of readability against satisfaction; null below 3 points or without spread in either. */
export function correlation(points: readonly { readability: number; satisfaction: number }[]): number | null {
  if (points.length < 3) return null;
  const x = points.map((p) => p.readability);
  const y = points.map((p) => p.satisfaction);
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values) > 0;
  if (!spread(x) || !spread(y)) return null;
  return round(sampleCorrelation(x, y), 4);
}

/**
 * KPIs of the messages sent in a period, per unit of a level and for the force, the change from
 * a baseline period, and readability against satisfaction across the period's messages.
 * @example
 * await messageKpiReport(geography, messages, { level: 'district', period: { from: '2026-01-01T00:00:00.000Z', to: null }, compare: null, threshold: 10 })
 */
export async function messageKpiReport(geography: ResultGeography, messages: readonly KpiMessage[], options: KpiOptions): Promise<MessageKpiReport> {
  const alpha = options.alpha ?? 0.05;
  const current = messages.filter((m) => inPeriod(m.sentAt, options.period));
  const table = await periodTable(geography, current, options.threshold, options.solve);

  let comparison: KpiComparison | null = null;
  if (options.compare) {
    const baselineMessages = messages.filter((m) => inPeriod(m.sentAt, options.compare!));
    const baseline = await periodTable(geography, baselineMessages, options.threshold, options.solve);
    comparison = {
      before: { ...options.compare, messages: baseline.messages, totals: kpisOf(baseline, FORCE) },
      after: { ...options.period, messages: table.messages, totals: kpisOf(table, FORCE) },
      adjustment: 'holm',
      alpha,
      rows: changeRows(baseline, table, geography, options.level, alpha),
    };
  }

  const perMessage = await Promise.all(current.map(async (message) => ({ message, ...(await messageKpiTable(geography, message, options.threshold, options.solve)).totals })));
  const shown = perMessage.flatMap(({ message, satisfaction, ratings }) => (satisfaction.status === 'shown' ? [{ message, satisfaction, ratings }] : []));
  const points = shown.map(({ message, satisfaction, ratings }) => ({ messageId: message.id, title: message.title, readability: message.readability, satisfaction: satisfaction.share, ratings }));
  // r from the exact shares, not the rounded ones shown.
  const r = correlation(shown.map(({ message, satisfaction }) => ({ readability: message.readability, satisfaction: satisfaction.count / satisfaction.n })));

  return {
    level: options.level,
    period: options.period,
    disclosure: {
      threshold: options.threshold,
      description: `Figures from fewer than ${options.threshold} recipients, ratings, replies or shares are withheld, and so is any figure that would let a withheld one be worked out by subtraction from a total, at any level.`,
    },
    generatedAt: (options.now ?? new Date()).toISOString(),
    messages: current.length,
    units: unitRows(table, geography, options.level),
    totals: kpisOf(table, FORCE),
    comparison,
    scatter: { points, r, n: points.length },
  };
}

/**
 * The rows a published or exported KPI table shows — the level's units and the force — with every
 * count under the same disclosure control as the share cells.
 */
export async function publishedKpiRows(geography: ResultGeography, messages: readonly KpiMessage[], options: Pick<KpiOptions, 'level' | 'period' | 'threshold' | 'solve'>): Promise<PublishedRow[]> {
  const table = await periodTable(geography, messages.filter((m) => inPeriod(m.sentAt, options.period)), options.threshold, options.solve);
  const units = unitRows(table, geography, options.level);
  const force: KpiUnit = { level: 'force', code: FORCE, name: 'Whole force', parentCode: null, messages: table.messages, kpis: kpisOf(table, FORCE) };
  return publishedRows(table, options.level === 'force' ? units : [...units, force]);
}
