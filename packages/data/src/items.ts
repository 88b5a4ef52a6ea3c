import type { Counters } from '@wardpulse/domain';

const KEY_FIELDS = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'expiresAt']);

/**
 * The counters of an aggregate item: every numeric attribute but its keys. Counter names are
 * open-ended (one per answer option and breakdown), so they are read by type, not by a schema.
 */
export function countersOf(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [key, value] of Object.entries(item)) {
    if (!KEY_FIELDS.has(key) && typeof value === 'number') counters[key] = value;
  }
  return counters;
}

/** An item without the attributes the table adds (keys, index keys, entity, expiry): what the schema describes. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!KEY_FIELDS.has(key)) rest[key] = value;
  return rest;
}
