import { createHash } from 'node:crypto';
import { solve as solveUncached, type Decisions, type DisclosureSystem } from '@wardpulse/analytics/results';

/**
 * The disclosure solve of @wardpulse/analytics, remembered by content: the same counts and
 * threshold always give the same decisions, so a results page switching level, a wave comparison
 * and an export reuse one solve (the least-loss solve of a large force takes seconds), and a new
 * response changes the key, so nothing is stale. Per process: a warm Lambda keeps it between
 * requests. Every caller in functions passes this as the `Solve` of analytics' disclosure code.
 */
export async function solve(system: DisclosureSystem, threshold: number): Promise<Decisions> {
  const key = systemKey(system, threshold);
  const known = SOLVED.get(key);
  if (known) {
    // Most recently used last, so the oldest entry is the one evicted.
    SOLVED.delete(key);
    SOLVED.set(key, known);
    return new Map(await known);
  }
  const solving = solveUncached(system, threshold);
  SOLVED.set(key, solving);
  if (SOLVED.size > SOLVED_LIMIT) SOLVED.delete(SOLVED.keys().next().value!);
  // A failed solve is not remembered: the next request tries again.
  solving.catch(() => SOLVED.delete(key));
  return new Map(await solving);
}

/** Solved systems, by content (see `solve`). */
const SOLVED = new Map<string, Promise<Decisions>>();
const SOLVED_LIMIT = 500;

/** A digest of everything the decisions depend on (Map and array order is deterministic: the systems are built from sorted trees). */
function systemKey(system: DisclosureSystem, threshold: number): string {
  const hash = createHash('sha256');
  hash.update(`${threshold}\n`);
  for (const [id, count] of system.cells) hash.update(`${id}=${count};`);
  hash.update('\n');
  for (const { total, parts } of system.constraints) hash.update(`${total}:${parts.join(',')};`);
  hash.update('\n');
  for (const [parent, children] of system.contains) hash.update(`${parent}>${children.join(',')};`);
  hash.update('\n');
  for (const [id, reason] of system.forced) hash.update(`${id}!${reason};`);
  hash.update('\n');
  for (const id of system.shown ?? []) hash.update(`${id};`);
  return hash.digest('base64url');
}
