/**
 * How long live readability coaching takes per keystroke: measureReadability and coachMessage on a
 * 200-word three-part message, 1,000 calls each. Run: npx tsx bench/readability.bench.ts
 *
 * Two workloads: the same message every call, and a message that changes by one character each
 * call, as it does while an officer types (nothing is cached, so they should match). Figures are
 * relative to this machine: compare runs on the same machine, not absolute milliseconds.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type MessageText, coachMessage, measureReadability } from '../packages/domain/src/index.ts';

const CALLS = 1_000;
const ROUNDS = 5;

// 200 words, with some of everything coaching looks for: jargon, passives, a long sentence.
const MESSAGE: MessageText = {
  title: 'Break-ins on streets around Victoria Park',
  concern:
    'Five homes on streets near Victoria Park were broken into last week. In most cases the burglars got in through a back door that had been left open, ' +
    'and they took car keys, phones and cash. Two cars were then driven away from driveways during the night. ' +
    'Following reports of ASB in the same area, officers were in attendance on Tuesday evening and spoke to a group of young people near the shops.',
  action:
    'Our neighbourhood team will walk through the area every evening this week, and proactive patrols will be conducted by the NPT at weekends. ' +
    'We are checking doorbell and shop cameras on the nearby streets. We will also visit every home that was broken into and offer free door locks. ' +
    'If we find the people responsible, we will tell you what happens next.',
  advice:
    'Lock your back door, even when you are at home. Keep your keys and phone away from doors and windows. ' +
    'If you have a doorbell camera, check it for anything from last week and send it to us. ' +
    'If you saw anything, call 101 or report it online. In an emergency, call 999. ' +
    'Tell your neighbours about this message so they can keep safe too.',
};

function wordCount(m: MessageText): number {
  return [m.concern, m.action, m.advice].join(' ').split(/\s+/u).filter(Boolean).length;
}

/** The message after `i` keystrokes: one character of the advice replaced, as if being retyped. */
function typed(i: number): MessageText {
  const at = i % MESSAGE.advice.length;
  const letter = String.fromCharCode(97 + (i % 26));
  return { ...MESSAGE, advice: MESSAGE.advice.slice(0, at) + letter + MESSAGE.advice.slice(at + 1) };
}

function time(run: (i: number) => void): { medianMs: number; bestMs: number } {
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i += 1) run(i);
    perCall.push((performance.now() - started) / CALLS);
  }
  perCall.sort((a, b) => a - b);
  return { medianMs: perCall[Math.floor(perCall.length / 2)] ?? Number.NaN, bestMs: perCall[0] ?? Number.NaN };
}

const messages = Array.from({ length: CALLS }, (_, i) => typed(i));
// Warm up the JIT on both paths before timing.
for (let i = 0; i < CALLS; i += 1) {
  measureReadability(messages[i] ?? MESSAGE);
  coachMessage(messages[i] ?? MESSAGE);
}

const cases: [string, (i: number) => void][] = [
  ['measureReadability, same message', () => measureReadability(MESSAGE)],
  ['coachMessage, same message', () => coachMessage(MESSAGE)],
  ['both, same message', () => (measureReadability(MESSAGE), coachMessage(MESSAGE))],
  ['both, one keystroke apart', (i) => (measureReadability(messages[i] ?? MESSAGE), coachMessage(messages[i] ?? MESSAGE))],
];

const readability = measureReadability(MESSAGE);
console.log(`Message: ${wordCount(MESSAGE)} words; score ${readability.score}, reading ease ${readability.fleschReadingEase}, ${coachMessage(MESSAGE).length} coaching notes.`);
console.log(`${CALLS.toLocaleString('en-GB')} calls × ${ROUNDS} rounds; Node ${process.version}, ${cpus().length} CPUs.\n`);
console.log('| workload | ms per call (median round) | best round |');
console.log('| --- | --- | --- |');
for (const [name, run] of cases) {
  const { medianMs, bestMs } = time(run);
  console.log(`| ${name} | ${medianMs.toFixed(3)} | ${bestMs.toFixed(3)} |`);
}
// Other engineers' work slows every figure; the 1-minute load average says how much.
console.log(`\nload average (1 min) at end: ${loadavg()[0]?.toFixed(2)}`);
