/**
 * Single-table conventions: every key is built here and nowhere else.
 * Items carry `pk`, `sk`, optional `gsi1pk`/`gsi1sk`, an `entity` attribute and ISO timestamps.
 */

export const ENTITY = {
  settings: 'ForceSettings',
  audit: 'AuditEvent',
  health: 'HealthProbe',
} as const;
export type Entity = (typeof ENTITY)[keyof typeof ENTITY];

export const keys = {
  /** The force's settings: one item. */
  settings: () => ({ pk: 'FORCE', sk: 'SETTINGS' }),
  /** Audit events sort by time within a month partition, newest read first. */
  audit: (at: string, id: string) => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  auditMonth: (month: string) => `AUDIT#${month}`,
  /** A key that never exists: reading it proves the table answers without reading data. */
  health: () => ({ pk: 'HEALTH', sk: 'PROBE' }),
};
