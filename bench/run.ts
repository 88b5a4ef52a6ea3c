/**
 * `pnpm bench`: every benchmark in turn, each in a process of its own (so one's memory and JIT
 * never colour the next), then one report of the run: `bench/results/<date>.json` and
 * `bench/results/<date>.md`, with the machine, each target beside its figure, and each table.
 *
 *   pnpm bench [--only submit,results] [--skip web]
 *
 * A benchmark that fails is reported as failed and the rest still run; the exit code is 1 then.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchResult, Table } from './report.ts';

const BENCHES = ['cold-start', 'submit', 'results', 'export', 'geo-import', 'web'] as const;

const { values } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const only = values.only?.split(',');
const skip = values.skip?.split(',') ?? [];
const chosen = BENCHES.filter((name) => (!only || only.includes(name)) && !skip.includes(name));

const resultFile = (name: string) => new URL(`./results/${name}.json`, import.meta.url);
const runs: { name: string; ok: boolean; seconds: number; result?: BenchResult & { at: string } }[] = [];
for (const name of chosen) {
  rmSync(resultFile(name), { force: true });
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`], { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  const seconds = (performance.now() - started) / 1000;
  const written = existsSync(resultFile(name)) ? (JSON.parse(readFileSync(resultFile(name), 'utf8')) as BenchResult & { at: string }) : undefined;
  runs.push({ name, ok: child.status === 0 && written !== undefined, seconds, ...(written ? { result: written } : {}) });
}

const date = new Date().toISOString().slice(0, 10);
const machine = { cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
writeFileSync(new URL(`./results/${date}.json`, import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), machine, runs }, null, 2)}\n`);

const cell = (value: number | string | undefined) => (value === undefined ? '' : typeof value === 'number' ? String(Math.round(value * 100) / 100) : value.replaceAll('|', '\\|'));
function markdownTable(table: Table): string {
  const columns = [...new Set(Object.values(table).flatMap((row) => Object.keys(row)))];
  const lines = [`| | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---:').join('|')}|`];
  for (const [label, row] of Object.entries(table)) lines.push(`| ${cell(label)} | ${columns.map((c) => cell(row[c])).join(' | ')} |`);
  return lines.join('\n');
}
const md: string[] = [`# WardPulse benchmarks, ${date}`, '', `Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. Figures are this machine's, measured side by side in one run; compare ratios, not milliseconds.`, '', '## Targets', '', '| Benchmark | Measure | Figure | Target | Met |', '|---|---|---:|---|---|'];
for (const run of runs) {
  if (!run.result) {
    md.push(`| ${run.name} | (failed: no result) | | | ✗ |`);
    continue;
  }
  for (const t of run.result.targets) md.push(`| ${run.name} | ${cell(t.name)} | ${cell(t.figure)} ${t.unit} | ${cell(t.target)} | ${t.met === null ? '—' : t.met ? '✓' : '✗'} |`);
}
for (const run of runs) {
  md.push('', `## ${run.name} (${Math.round(run.seconds)} s${run.ok ? '' : ', failed'})`, '');
  if (!run.result) continue;
  md.push(run.result.title, '');
  for (const [title, table] of Object.entries(run.result.tables)) md.push(`### ${title}`, '', markdownTable(table), '');
  for (const note of run.result.notes ?? []) md.push(`- ${note}`);
}
writeFileSync(new URL(`./results/${date}.md`, import.meta.url), `${md.join('\n')}\n`);
console.log(`\nWrote bench/results/${date}.json and bench/results/${date}.md`);
const failed = runs.filter((run) => !run.ok);
if (failed.length > 0) {
  console.error(`Failed: ${failed.map((run) => run.name).join(', ')}`);
  process.exitCode = 1;
}
