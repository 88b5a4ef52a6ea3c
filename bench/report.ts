/**
 * What every benchmark hands to `pnpm bench` (bench/run.ts): its tables and its targets, written
 * as `bench/results/<name>.json`. The runner gathers them into `bench/results/<date>.json` and a
 * Markdown report. Figures are this machine's, measured side by side in one run: targets are
 * ratios or budgets wherever the issue allows, never a timed assertion in a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

/** One target the issue sets, beside the figure this run measured. `met: null` = reported, no target. */
export interface Target {
  /** e.g. "Submit: API ÷ repository transaction at C16" */
  name: string;
  figure: number;
  unit: string;
  /** As the issue states it, e.g. "≥ 0.8", "< 50 ms", "≤ 60 KB". */
  target: string;
  met: boolean | null;
}

/** A table: row label → column label → value. */
export type Table = Record<string, Record<string, number | string>>;

export interface BenchResult {
  /** File name stem under bench/results, e.g. "submit". */
  name: string;
  /** A one-line description of what was measured and how. */
  title: string;
  targets: Target[];
  tables: Record<string, Table>;
  /** Anything a reader needs to read the figures (sizes, settings, caveats). */
  notes?: string[];
}

/** Rounds every number to `digits` significant decimals for the report. */
export function rounded<T>(value: T, digits = 1): T {
  const factor = 10 ** digits;
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * factor) / factor : v))) as T;
}

export function target(name: string, figure: number, unit: string, goal: string, met: boolean | null): Target {
  return { name, figure, unit, target: goal, met };
}

/** Writes `bench/results/<name>.json` and prints the tables and targets. */
export function writeBenchResult(result: BenchResult): void {
  for (const [title, table] of Object.entries(result.tables)) {
    console.log(`\n${title}`);
    console.table(rounded(table));
  }
  for (const t of result.targets) console.log(`${t.met === null ? '·' : t.met ? '✓' : '✗'} ${t.name}: ${Math.round(t.figure * 100) / 100} ${t.unit} (target ${t.target})`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${result.name}.json`, import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...rounded(result, 2) }, null, 2)}\n`);
}

const percentileOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** p50/p95/p99/max of latency samples (ms). */
export function latencySummary(samples: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95), p99: percentileOf(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Samples this process's RSS every `everyMs` until stopped; returns the peak and the start. */
export function sampleRss(everyMs = 10): { stop(): { baselineMB: number; peakMB: number; growthMB: number } } {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const MB = 2 ** 20;
      return { baselineMB: baseline / MB, peakMB: peak / MB, growthMB: (peak - baseline) / MB };
    },
  };
}
