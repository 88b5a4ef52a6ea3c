import type { AttributeValue } from '@aws-sdk/client-dynamodb';
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

/** An attribute value as a plain value, as the document client unmarshals it (numbers past 2^53 as BigInt). */
function plain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) {
    const n = Number(value.N);
    return Number.isSafeInteger(n) || !Number.isInteger(n) || !Number.isFinite(n) ? n : BigInt(value.N);
  }
  if (value.M !== undefined) {
    const map: Record<string, unknown> = {};
    for (const key in value.M) map[key] = plain(value.M[key]!);
    return map;
  }
  if (value.L !== undefined) return value.L.map(plain);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(Number));
  if (value.B !== undefined) return value.B;
  if (value.BS !== undefined) return new Set(value.BS);
  throw new Error(`Unsupported DynamoDB attribute value: ${Object.keys(value).join(', ')}`);
}

/**
 * An item as the low-level client reads it (attribute values), as plain values and without the
 * attributes the table adds: what `withoutKeys` gives after the document client's unmarshalling,
 * in one pass, for reads of many items where the document client's walk over each is a cost of
 * its own.
 */
export function plainWithoutKeys(item: Record<string, AttributeValue>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const key in item) if (!KEY_FIELDS.has(key)) rest[key] = plain(item[key]!);
  return rest;
}
