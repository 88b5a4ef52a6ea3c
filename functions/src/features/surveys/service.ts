import { createHash, randomUUID } from 'node:crypto';
import type { Repositories, StoredResponse } from '@wardpulse/data';
import { shardOf, SubmitRefusedError } from '@wardpulse/data';
import {
  aggregateDeltas,
  checkDraft,
  measureCapacity,
  splitDeltas,
  ConflictError,
  mergeCounters,
  NotFoundError,
  openState,
  RateLimitedError,
  responseWard,
  SurveyContentSchema,
  TEMPLATES,
  ValidationError,
  validateResponse,
  type Counters,
  type ResponseSubmission,
  type SentimentScorer,
  type Survey,
  type SurveyContent,
  type SurveySettings,
  type SurveyVersion,
  type Targeting,
} from '@wardpulse/domain';

/** Stable JSON (sorted keys), so the same submission always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export { shardOf };

export interface CreateSurveyInput extends Omit<SurveySettings, 'kind'> {
  template: 'priorities' | 'impact-area' | 'blank';
}

export function newSurvey(input: CreateSurveyInput, actor: string, now = new Date().toISOString()): Survey {
  const content: SurveyContent =
    input.template === 'blank'
      ? { title: { en: 'Untitled survey' }, locales: ['en'], questions: [{ id: 'area', type: 'location', required: true, title: { en: 'Where do you live?' } }] }
      : SurveyContentSchema.parse(TEMPLATES[input.template].content);
  const { template, ...settings } = input;
  return {
    ...settings,
    kind: template === 'blank' ? 'custom' : template,
    id: randomUUID(),
    status: 'draft',
    publishedVersion: 0,
    draftVersion: 1,
    draft: content,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    revision: 1,
  };
}

/** Publishing freezes the draft as an immutable version with the force's retention and live vintage. */
export async function publishSurvey(repositories: Repositories, id: string, expectedRevision: number, actor: string): Promise<{ survey: Survey; version: SurveyVersion }> {
  const survey = await repositories.surveys.get(id);
  if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
  if (!survey.draft || survey.draftVersion === null) throw new ConflictError('There is no draft to publish: choose “Edit” to start a new version.', 'survey.no_draft');
  const problems = checkDraft(survey.draft).filter((check) => check.severity === 'error');
  if (problems.length > 0) throw new ValidationError(`Fix ${problems.length} problem${problems.length === 1 ? '' : 's'} before publishing.`, problems, 'survey.not_publishable');
  const [settings, boundaryVintage] = await Promise.all([repositories.settings.get(), repositories.geography.currentVintage()]);
  const now = new Date().toISOString();
  // Residents need no translation fingerprints. Dropping them loses nothing: a draft with any out
  // of date cannot be published, so each matches its English, and a missing one counts as reviewed.
  const { translatedFrom: _fingerprints, ...content } = survey.draft;
  const version: SurveyVersion = {
    surveyId: survey.id,
    version: survey.draftVersion,
    kind: survey.kind,
    seriesId: survey.seriesId,
    wave: survey.wave,
    slug: survey.slug,
    targeting: survey.targeting,
    content,
    publishedAt: now,
    publishedBy: actor,
    boundaryVintage,
    retentionDays: settings.retentionDays,
    ...(survey.opensAt ? { opensAt: survey.opensAt } : {}),
    ...(survey.closesAt ? { closesAt: survey.closesAt } : {}),
  };
  const next: Survey = { ...survey, status: 'published', publishedVersion: version.version, draftVersion: null, draft: null, updatedAt: now, revision: survey.revision + 1 };
  await repositories.surveys.publish(next, expectedRevision, version);
  return { survey: next, version };
}

/** How long a submitting process trusts what it read of a survey's districts or areas (an `outside-target` flag only). */
const TARGET_TTL_MS = 60_000;

interface SubmitCaches {
  /** Published versions never change: read once per process. */
  versions: Map<string, Promise<SurveyVersion | null>>;
  /** The wards a targeting covers, for a minute (areas can be re-imported). */
  targets: Map<string, { at: number; wards: Promise<Set<string> | null> }>;
}

/** Per repositories (one table), so two stacks in one process never share what they read. */
const caches = new WeakMap<Repositories, SubmitCaches>();
function cachesOf(repositories: Repositories): SubmitCaches {
  let found = caches.get(repositories);
  if (!found) caches.set(repositories, (found = { versions: new Map(), targets: new Map() }));
  return found;
}

/** A published version, read at most once per process (an unreadable or missing one is not kept). */
function cachedVersion(repositories: Repositories, surveyId: string, version: number): Promise<SurveyVersion | null> {
  const { versions } = cachesOf(repositories);
  const key = `${surveyId}#${version}`;
  let found = versions.get(key);
  if (!found) {
    if (versions.size >= 500) versions.delete(versions.keys().next().value!);
    found = repositories.surveys.getVersion(surveyId, version);
    versions.set(key, found);
    found.then((v) => (v ? undefined : versions.delete(key))).catch(() => versions.delete(key));
  }
  return found;
}

async function wardsInTarget(repositories: Repositories, targeting: Targeting, vintage: string | null): Promise<Set<string> | null> {
  if (targeting.scope === 'force' || !vintage) return null;
  if (targeting.scope === 'wards') return new Set(targeting.codes);
  const { targets } = cachesOf(repositories);
  const key = `${vintage}#${JSON.stringify(targeting)}`;
  const cached = targets.get(key);
  if (cached && Date.now() - cached.at < TARGET_TTL_MS) return cached.wards;
  const wards = (async () => {
    if (targeting.scope === 'districts') return new Set((await repositories.geography.listWards(vintage)).filter((w) => targeting.codes.includes(w.districtCode)).map((w) => w.code));
    const areas = await repositories.geography.listAreas(vintage);
    return new Set(areas.filter((a) => targeting.ids.includes(a.id)).flatMap((a) => a.wardCodes));
  })();
  if (targets.size >= 200) targets.clear();
  targets.set(key, { at: Date.now(), wards });
  wards.catch(() => targets.delete(key));
  return wards;
}

export interface SubmitContext {
  repositories: Repositories;
  sentiment: SentimentScorer;
  now?: Date;
  /** Counts the submission against the sender's allowance in the same write; refused with `message`. */
  limit?: { key: string; perHour: number; message: string };
}

/** Why a survey refuses a version, read afresh once the write was refused (the survey may have closed since). */
async function closedReason(repositories: Repositories, version: SurveyVersion, now: Date): Promise<ValidationError> {
  const survey = await repositories.surveys.get(version.surveyId);
  const state = survey ? openState(survey, version, now) : ({ open: false, code: 'survey.closed', reason: 'This survey has closed. Thank you for your interest.' } as const);
  if (!state.open) return new ValidationError(state.reason, [{ path: ['surveyId'], message: state.reason, code: state.code }], state.code);
  return new ValidationError('This version is no longer open.', undefined, 'survey.version_closed');
}

/**
 * Stores one resident's response exactly once, against the exact published version it answers.
 * Validation failures name every problem and store nothing.
 *
 * One DynamoDB call in the usual case: the version is immutable and read once per process, and
 * the survey's state, the sender's allowance and "not stored before" are conditions of the one
 * transaction that stores the response and its counters. Only a refused write reads more, to say
 * why (or to return the first receipt of a retry).
 */
export async function submitResponse(ctx: SubmitContext, submission: ResponseSubmission) {
  const { repositories } = ctx;
  const now = ctx.now ?? new Date();
  const version = await cachedVersion(repositories, submission.surveyId, submission.version);
  if (!version || version.surveyId !== submission.surveyId) throw new NotFoundError('This survey or version does not exist.', 'survey.not_found');
  const bodyHash = createHash('sha256').update(canonical({ ...submission, website: undefined })).digest('hex');
  // The version's own dates (the survey's state is checked by the write).
  const dated = openState({ status: 'published', publishedVersion: version.version }, version, now);
  if (!dated.open) {
    // A retry of a response accepted before the survey closed must still get its receipt.
    const replayed = await repositories.responses.replay({ id: submission.id, bodyHash });
    if (replayed) return replayed;
    throw new ValidationError(dated.reason, [{ path: ['surveyId'], message: dated.reason, code: dated.code }], dated.code);
  }
  const issues = validateResponse(version, submission);
  if (issues.length > 0) throw new ValidationError(`Your answers need attention (${issues.length} problem${issues.length === 1 ? '' : 's'}).`, issues, 'response.invalid');

  const wardCode = responseWard(version, submission.answers);
  const flags: string[] = [];
  if (wardCode) {
    const target = await wardsInTarget(repositories, version.targeting, version.boundaryVintage);
    if (target && !target.has(wardCode)) flags.push('outside-target');
  }
  const stored: StoredResponse = {
    id: submission.id,
    surveyId: submission.surveyId,
    version: submission.version,
    locale: submission.locale,
    answers: submission.answers,
    wardCode,
    flags,
    submittedAt: now.toISOString(),
    bodyHash,
    shard: shardOf(submission.id),
  };
  const expiresAt = Math.floor(now.getTime() / 1000) + version.retentionDays * 86_400;
  // The layout depends only on the published content, so a retry splits its counters the same way.
  const parts = splitDeltas(measureCapacity(version.content).layout, aggregateDeltas(version, submission.answers, ctx.sentiment));
  const allowance = ctx.limit && { key: ctx.limit.key, limit: ctx.limit.perHour, windowSeconds: 3600, now };
  try {
    return await repositories.responses.submit(stored, parts, expiresAt, { openVersion: true, ...(allowance ? { allowance } : {}) });
  } catch (error) {
    if (!(error instanceof SubmitRefusedError)) throw error;
    if (error.guard === 'allowance') throw new RateLimitedError(ctx.limit!.message, error.retryAfterSeconds);
    throw await closedReason(repositories, version, now);
  }
}

export interface VerifyReport {
  surveyId: string;
  version: number;
  responses: number;
  wards: number;
  /** Counters whose stored aggregate differs from a recount of the raw responses (must be empty). */
  drift: { ward: string; counter: string; stored: number; recounted: number }[];
}

/** Recounts raw responses with the same pure function the write path used and compares. */
export async function verifyAggregates(ctx: SubmitContext, surveyId: string, versionNumber: number): Promise<VerifyReport> {
  const { repositories } = ctx;
  const version = await repositories.surveys.getVersion(surveyId, versionNumber);
  if (!version) throw new NotFoundError('No such survey version.', 'survey.not_found');
  const recount = { main: new Map<string, Counters>(), breakdown: new Map<string, Counters>() };
  let responses = 0;
  for await (const page of repositories.responses.scanVersion(surveyId, versionNumber)) {
    for (const response of page) {
      responses++;
      const ward = response.wardCode ?? 'none';
      const deltas = aggregateDeltas(version, response.answers, ctx.sentiment);
      recount.main.set(ward, mergeCounters(recount.main.get(ward) ?? {}, deltas.main));
      if (Object.keys(deltas.breakdown).length > 0) recount.breakdown.set(ward, mergeCounters(recount.breakdown.get(ward) ?? {}, deltas.breakdown));
    }
  }
  const stored = await repositories.responses.aggregates(surveyId, versionNumber);
  const drift: VerifyReport['drift'] = [];
  for (const part of ['main', 'breakdown'] as const) {
    const wards = new Set([...stored[part].keys(), ...recount[part].keys()]);
    for (const ward of wards) {
      const a = stored[part].get(ward) ?? {};
      const b = recount[part].get(ward) ?? {};
      for (const counter of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const s = a[counter] ?? 0;
        const r = b[counter] ?? 0;
        if (Math.abs(s - r) > 1e-6) drift.push({ ward, counter, stored: s, recounted: r });
      }
    }
  }
  return { surveyId, version: versionNumber, responses, wards: recount.main.size, drift };
}
