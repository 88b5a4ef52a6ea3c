import { createHash } from 'node:crypto';
import type { PartKey } from '@wardpulse/domain';
/**
 * Single-table conventions: every key is built here and nowhere else.
 * Items carry `pk`, `sk`, optional `gsi1pk`/`gsi1sk`, an `entity` attribute and ISO timestamps.
 */

export const ENTITY = {
  settings: 'ForceSettings',
  audit: 'AuditEvent',
  health: 'HealthProbe',
  boundarySet: 'BoundarySet',
  currentVintage: 'CurrentVintage',
  district: 'District',
  ward: 'Ward',
  mapChunk: 'MapChunk',
  area: 'Area',
  postcode: 'Postcode',
  postcodeCandidate: 'PostcodeCandidate',
  importJob: 'ImportJob',
  survey: 'Survey',
  surveySlug: 'SurveySlug',
  surveyVersion: 'SurveyVersion',
  response: 'Response',
  responseReceipt: 'ResponseReceipt',
  aggregate: 'Aggregate',
  rateLimit: 'RateLimit',
  message: 'Message',
  messageAggregate: 'MessageAggregate',
  signupCounts: 'SignupCounts',
  exportJob: 'ExportJob',
  messageRating: 'MessageRating',
  messageReply: 'MessageReply',
  messageShare: 'MessageShare',
  messageView: 'MessageView',
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

  /** Which boundary vintage is live (results and lookups use it). */
  currentVintage: () => ({ pk: 'GEO', sk: 'CURRENT' }),
  boundarySet: (vintage: string) => ({ pk: 'GEO', sk: `VINTAGE#${vintage}` }),
  boundarySetPrefix: () => ({ pk: 'GEO', skPrefix: 'VINTAGE#' }),
  /** Everything of one vintage shares a partition: districts, wards, map chunks, areas. */
  vintagePartition: (vintage: string) => `GEO#${vintage}`,
  district: (vintage: string, code: string) => ({ pk: `GEO#${vintage}`, sk: `DISTRICT#${code}` }),
  /** Wards sort by district, so "wards of a district" is one begins_with query. */
  ward: (vintage: string, districtCode: string, wardCode: string) => ({ pk: `GEO#${vintage}`, sk: `WARD#${districtCode}#${wardCode}` }),
  /** GSI1: a ward by its code, whatever its district. */
  wardByCode: (wardCode: string) => ({ gsi1pk: `WARD#${wardCode}` }),
  mapChunk: (vintage: string, index: number) => ({ pk: `GEO#${vintage}`, sk: `MAP#${String(index).padStart(3, '0')}` }),
  area: (vintage: string, kind: string, id: string) => ({ pk: `GEO#${vintage}`, sk: `AREA#${kind}#${id}` }),
  /** Postcodes are stored without their space: `PC#B661AA`. */
  postcode: (postcode: string) => ({ pk: `PC#${postcode.replace(/ /g, '')}`, sk: 'PC' }),
  /** Partial postcode (district `B66` or sector `B66 1`) → one item per candidate ward. */
  postcodeCandidates: (partial: string) => `PCP#${partial}`,
  postcodeCandidate: (partial: string, wardCode: string) => ({ pk: `PCP#${partial}`, sk: `WARD#${wardCode}` }),
  importJob: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'JOB' }),
  /** GSI1: recent import jobs, newest last. */
  importJobsIndex: () => 'IMPORTS',

  survey: (id: string) => ({ pk: `SURVEY#${id}`, sk: 'META' }),
  /** GSI1: every survey, most recently changed last. */
  surveysIndex: () => 'SURVEYS',
  /** Reserves a public slug (`/s/<slug>`) for one survey. */
  surveySlug: (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'SLUG' }),
  surveyVersion: (id: string, version: number) => ({ pk: `SURVEY#${id}`, sk: `V#${String(version).padStart(4, '0')}` }),
  /** A response, keyed by the id its device generated: a retry finds the same key. */
  response: (id: string) => ({ pk: `RESPONSE#${id}`, sk: 'R' }),
  /**
   * What is left of a response once its answers expire or are erased: the id, the hash of its body
   * and its receipt, kept as long as the aggregates it was counted in, so a late retry is still a
   * replay and never counted twice.
   */
  responseReceipt: (id: string) => ({ pk: `RESPONSE#${id}`, sk: 'RECEIPT' }),
  /** GSI1: responses of one version, spread over shards, for recounts and exports. */
  responsesIndex: (surveyId: string, version: number, shard: number) => `RESPONSES#${surveyId}#V${version}#S${shard}`,
  /**
   * Aggregate counters of one version: items per ward × shard × part (see the domain's
   * `measureCapacity`). Main part 0 is `WARD#<w>#S<s>`, later ones add `#P<k>`; equality
   * breakdowns add `#X#<demographic>#<k>`. Readers merge every item of a ward, whatever its part.
   */
  aggregatePartition: (surveyId: string, version: number) => `AGG#${surveyId}#V${version}`,
  aggregate: (surveyId: string, version: number, ward: string, shard: number, part: PartKey = { kind: 'main', index: 0 }) => ({
    pk: `AGG#${surveyId}#V${version}`,
    sk: `WARD#${ward}#S${shard}${part.kind === 'breakdown' ? `#X#${part.demographic}#${part.index}` : part.index > 0 ? `#P${part.index}` : ''}`,
  }),

  exportJob: (id: string) => ({ pk: `EXPORT#${id}`, sk: 'JOB' }),
  /** GSI1: a survey's export jobs, newest last. */
  exportJobsIndex: (surveyId: string) => `EXPORTS#${surveyId}`,

  /** A community message (content, targeting, status, send progress). */
  message: (id: string) => ({ pk: `MESSAGE#${id}`, sk: 'META' }),
  /** GSI1: every message, newest last. */
  messagesIndex: () => 'MESSAGES',
  /**
   * Per message × ward engagement counters (no personal data): `recipients` is added by the send
   * job as each delivery is recorded; views, ratings, replies and shares by the public routes.
   */
  messageAggregatePartition: (messageId: string) => `MSGAGG#${messageId}`,
  messageAggregate: (messageId: string, wardCode: string) => ({ pk: `MSGAGG#${messageId}`, sk: `WARD#${wardCode}` }),
  /** Everything residents did with one message shares a partition, sorted by kind. */
  messageEngagementPartition: (messageId: string) => `MSGENG#${messageId}`,
  /** One item per rater: a changed rating updates it in place. */
  messageRating: (messageId: string, rater: string) => ({ pk: `MSGENG#${messageId}`, sk: `RATING#${rater}` }),
  /** Keyed by the id the resident's device generated: a retry finds the same key. */
  messageReply: (messageId: string, id: string) => ({ pk: `MSGENG#${messageId}`, sk: `REPLY#${id}` }),
  messageShare: (messageId: string, id: string) => ({ pk: `MSGENG#${messageId}`, sk: `SHARE#${id}` }),
  /** A viewer's salted hash for one day; expires after two. */
  messageView: (messageId: string, day: string, viewer: string) => ({ pk: `MSGENG#${messageId}`, sk: `VIEW#${day}#${viewer}` }),
  /** Active sign-ups per ward (`active`, `t#<topic>`), kept by the sign-up flows; no personal data. */
  signupCounts: (wardCode: string) => ({ pk: 'SIGNUPS', sk: `WARD#${wardCode}` }),
};

/** A fixed-window request counter; the key is already a hash, never a raw IP address. */
export const rateLimitKey = (key: string, windowStart: number) => ({ pk: `RATE#${key}#${windowStart}`, sk: 'RATE' });

/** Aggregates are spread over this many items per ward so a busy ward never hot-spots one item. */
export const AGGREGATE_SHARDS = 4;

/** The aggregate shard of a response: a stable hash of its id, so a retry lands on the same shard. */
export const shardOf = (id: string): number => createHash('sha256').update(id).digest()[0]! % AGGREGATE_SHARDS;
