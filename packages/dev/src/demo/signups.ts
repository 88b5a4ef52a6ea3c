import { randomUUID } from 'node:crypto';
import type { Repositories } from '@wardpulse/data';
import { ConflictError, TOPICS, type Contact, type Topic } from '@wardpulse/domain';

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often residents pick each topic (burglary and ASB lead, as in most forces' sign-ups). */
const TOPIC_WEIGHTS: Record<Topic, number> = { burglary: 0.55, asb: 0.5, road_safety: 0.3, scams: 0.35, vehicle_crime: 0.3, drugs: 0.2, violence: 0.15, events: 0.2, general: 0.4 };

/**
 * Synthetic residents signed up, confirmed, in the demo wards: `demo.resident.0001@example.org`
 * and so on (example.org never receives mail). Runs once: it does nothing when any ward already
 * has active sign-ups or the live boundaries are a force's real ones, and leaves existing addresses alone.
 */
export async function seedDemoSignups(repositories: Repositories, count: number): Promise<number> {
  if (count <= 0 || (await repositories.contacts.signupCounts()).size > 0) return 0;
  const vintage = await repositories.geography.currentVintage();
  if (!vintage || !(await repositories.geography.getBoundarySet(vintage))?.demo) return 0;
  const wards = (await repositories.geography.listWards(vintage)).map((ward) => ward.code).sort();
  if (wards.length === 0) return 0;
  const next = random(20_26);
  const now = new Date();
  const contacts: Contact[] = Array.from({ length: count }, (_, index) => {
    const home = Math.floor(next() * wards.length);
    const wardCodes = [wards[home]!, ...(next() < 0.15 ? [wards[(home + 1) % wards.length]!] : [])];
    const topics = TOPICS.filter((topic) => next() < TOPIC_WEIGHTS[topic]);
    const createdAt = new Date(now.getTime() - Math.floor(next() * 365) * 86_400_000).toISOString();
    return {
      id: randomUUID(),
      email: `demo.resident.${String(index + 1).padStart(4, '0')}@example.org`,
      wardCodes,
      topics: topics.length > 0 ? topics : ['general'],
      status: 'active',
      createdAt,
      confirmedAt: createdAt,
    };
  });
  let created = 0;
  let cursor = 0;
  const worker = async () => {
    while (cursor < contacts.length) {
      const contact = contacts[cursor++]!;
      try {
        await repositories.contacts.create(contact);
        created++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return created;
}
