/**
 * Survey results from the write-time aggregates: roll-up by ward, district, area and force,
 * disclosure control across all of them at once, and wave-on-wave comparison. `textInsights` is
 * the one function here that reads raw responses, and only when a member of staff asks for it.
 */
import { redactText, type KeyPhrase } from '@wardpulse/analytics';
import {
  buildUnitTree,
  compareResults,
  discloseAll,
  discloseGroups,
  FORCE,
  groupCounters,
  NONE,
  questionResult,
  resultQuestions,
  resultUnit,
  rollUp,
  unitQuestionResult,
  unitsOfLevel,
  withDerived,
  type Decisions,
  type OldWard,
  type ResultGeography,
  type ResultQuestion,
  type UnitTree,
} from '@wardpulse/analytics/results';
import type { Repositories } from '@wardpulse/data';
import {
  mergeCounters,
  NotFoundError,
  ValidationError,
  type Adjustment,
  type Counters,
  type ResultLevel,
  type Survey,
  type SurveyResults,
  type SurveyVersion,
  type WaveComparison,
} from '@wardpulse/domain';
import type { Series, TextInsights } from './schemas.ts';
import { solve } from './solve-cache.ts';

export interface ResultsOptions {
  level: ResultLevel;
  /** Limit results to one demographic group (equality monitoring). */
  group?: { questionId: string; optionId: string };
  /** A district code or area id: list only the units in it. */
  within?: string;
}

export const disclosureRule = (threshold: number) => ({
  threshold,
  description: `Figures from fewer than ${threshold} respondents are withheld, and so is any figure that would let a withheld one be worked out by subtraction from a total, at any level.`,
});

interface LoadedSurvey {
  survey: Survey;
  versions: SurveyVersion[];
  questions: ResultQuestion[];
  title: string;
}

async function loadSurvey(repositories: Repositories, surveyId: string, param = 'id'): Promise<LoadedSurvey> {
  const survey = await repositories.surveys.get(surveyId);
  if (!survey) throw new NotFoundError(`No survey with the id ${surveyId} (${param}).`, 'survey.not_found');
  const versions = (await repositories.surveys.listVersions(surveyId)).sort((a, b) => a.version - b.version);
  const title = versions.at(-1)?.content.title.en ?? survey.draft?.title.en ?? survey.slug;
  return { survey, versions, questions: resultQuestions(versions), title };
}

async function loadGeography(repositories: Repositories): Promise<ResultGeography> {
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) return { vintage, districts: [], wards: [], areas: [] };
  const [districts, wards, areas] = await Promise.all([repositories.geography.listDistricts(vintage), repositories.geography.listWards(vintage), repositories.geography.listAreas(vintage)]);
  return { vintage, districts, wards, areas };
}

/** Every version's aggregates, merged ward by ward (question ids are stable across versions). */
async function loadAggregates(repositories: Repositories, surveyId: string, versions: readonly SurveyVersion[]) {
  const main = new Map<string, Counters>();
  const breakdown = new Map<string, Counters>();
  const all = await Promise.all(versions.map((v) => repositories.responses.aggregates(surveyId, v.version)));
  for (const version of all) {
    for (const [ward, counters] of version.main) main.set(ward, mergeCounters(main.get(ward) ?? {}, counters));
    for (const [ward, counters] of version.breakdown) breakdown.set(ward, mergeCounters(breakdown.get(ward) ?? {}, counters));
  }
  return { main, breakdown };
}

/** Wards answered on older boundaries (not in the live vintage), as their own vintage names and places them. */
async function oldWards(repositories: Repositories, geography: ResultGeography, buckets: Iterable<string>): Promise<Map<string, OldWard>> {
  const live = new Set(geography.wards.map((w) => w.code));
  const old = [...new Set(buckets)].filter((b) => b !== NONE && !live.has(b));
  const found = await Promise.all(
    old.map(async (code) => {
      const ward = await repositories.geography.getWard(code);
      return [code, ward ? { name: ward.name, districtCode: ward.districtCode } : { name: code }] as const;
    }),
  );
  return new Map(found);
}

function resolveWithin(geography: ResultGeography, level: ResultLevel, within: string | undefined) {
  if (within === undefined) return null;
  if (level === 'force') throw new ValidationError('“within” limits ward, district and area tables; the force is one unit.', [{ path: ['query', 'within'], message: 'Not used with level=force.' }], 'results.within_not_applicable');
  if (geography.districts.some((d) => d.code === within)) return { kind: 'district' as const, code: within };
  if (geography.areas.some((a) => a.id === within)) return { kind: 'area' as const, code: within };
  throw new ValidationError(`There is no district or area “${within}” in the live boundaries.`, [{ path: ['query', 'within'], message: `Unknown district code or area id: ${within}.` }], 'results.unknown_within');
}

function resolveGroup(questions: readonly ResultQuestion[], group: ResultsOptions['group']) {
  if (!group) return null;
  const question = questions.find((q) => q.id === group.questionId);
  if (!question || question.type !== 'demographic') {
    throw new ValidationError(`“${group.questionId}” is not an equality-monitoring question of this survey.`, [{ path: ['query', 'group'], message: `No demographic question ${group.questionId}.` }], 'results.unknown_group');
  }
  const option = question.options.find((o) => o.id === group.optionId);
  if (!option) {
    throw new ValidationError(`“${group.optionId}” is not an answer to ${group.questionId}.`, [{ path: ['query', 'group'], message: `No option ${group.optionId} in ${group.questionId}.` }], 'results.unknown_group');
  }
  return { question, option };
}

const countersWithDerived = (tree: UnitTree, buckets: ReadonlyMap<string, Counters>, questions: readonly ResultQuestion[]) => {
  const counters = rollUp(tree, buckets);
  for (const values of counters.values()) withDerived(values, questions);
  return counters;
};

/**
 * Results of one survey at one level, from aggregates only (never raw responses). Disclosure
 * control is solved over every level at once and then the requested level is projected, so the
 * ward, district and area tables cannot be differenced against each other.
 * @example
 * await computeSurveyResults(repositories, surveyId, { level: 'district' }) // SurveyResults
 */
export async function computeSurveyResults(repositories: Repositories, surveyId: string, options: ResultsOptions): Promise<SurveyResults> {
  const [loaded, settings, geography] = await Promise.all([loadSurvey(repositories, surveyId), repositories.settings.get(), loadGeography(repositories)]);
  const { survey, versions, questions } = loaded;
  const within = resolveWithin(geography, options.level, options.within);
  const group = resolveGroup(questions, options.group);
  const threshold = settings.disclosureThreshold;

  const aggregates = await loadAggregates(repositories, surveyId, versions);
  const buckets = [...aggregates.main.keys(), ...aggregates.breakdown.keys()];
  const tree = buildUnitTree(geography, buckets, await oldWards(repositories, geography, buckets));
  const everyone = countersWithDerived(tree, aggregates.main, questions);

  let counters = everyone;
  let shownQuestions = questions;
  let decisions: Decisions;
  if (group) {
    // Equality breakdowns keep counts of choice questions only (no text, no crosstab of demographics).
    shownQuestions = questions.filter((q) => q.type !== 'text' && q.type !== 'demographic');
    // Every group of the equality question is solved together with the whole survey's table as
    // published, so neither table gives back a figure the other withholds (see `discloseGroups`).
    const overall = await discloseAll(tree, everyone, [group.question, ...shownQuestions], threshold, { grouped: false, solve });
    const breakdowns = new Map(
      group.question.options.map((option) => [option.id, countersWithDerived(tree, groupCounters(aggregates.breakdown, group.question.id, option.id), shownQuestions)]),
    );
    const byGroup = await discloseGroups(tree, everyone, overall, breakdowns, group.question, shownQuestions, threshold, { solve });
    counters = breakdowns.get(group.option.id)!;
    decisions = byGroup.get(group.option.id)!;
  } else {
    decisions = await discloseAll(tree, counters, shownQuestions, threshold, { grouped: false, solve });
  }
  const grouped = group !== null;

  const noneResponses = (counters.get(NONE)?.n ?? 0) > 0;
  const units = unitsOfLevel(tree, geography, options.level, within, noneResponses);
  const force = tree.byKey.get(FORCE)!;
  const responses = everyone.get(FORCE)?.n ?? 0;
  const withoutWard = everyone.get(NONE)?.n ?? 0;
  return {
    survey: { id: survey.id, title: loaded.title, kind: survey.kind, slug: survey.slug, seriesId: survey.seriesId, wave: survey.wave },
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, boundaryVintage: v.boundaryVintage })),
    level: options.level,
    group: group ? { questionId: group.question.id, optionId: group.option.id, label: group.option.label } : null,
    disclosure: disclosureRule(threshold),
    generatedAt: new Date().toISOString(),
    totals: { responses, withWard: responses - withoutWard, withoutWard },
    units: units.map((unit) => resultUnit(unit.key === FORCE ? { ...unit, name: settings.forceName } : unit, options.level, counters.get(unit.key) ?? {}, decisions)),
    force: Object.fromEntries(shownQuestions.map((q) => [q.id, unitQuestionResult(q, force.key, counters.get(force.key) ?? {}, decisions, grouped)])),
    questions: shownQuestions.map((q) => questionResult(q, units, counters, decisions, grouped)),
  };
}

export interface CompareOptions {
  level: ResultLevel;
  questionId?: string;
  adjust: Adjustment;
  alpha?: number;
}

/**
 * Compares two waves of one series unit by unit (`after` minus `before`), each from its own
 * disclosure-controlled results.
 */
export async function compareWaves(repositories: Repositories, beforeSurveyId: string, afterSurveyId: string, options: CompareOptions): Promise<WaveComparison> {
  const [before, after] = await Promise.all([repositories.surveys.get(beforeSurveyId), repositories.surveys.get(afterSurveyId)]);
  if (!after) throw new NotFoundError(`No survey with the id ${afterSurveyId}.`, 'survey.not_found');
  if (!before) throw new NotFoundError(`No survey with the id ${beforeSurveyId} (with).`, 'survey.not_found');
  if (before.seriesId !== after.seriesId) {
    throw new ValidationError(
      `Only waves of one series compare: this survey is in “${after.seriesId}”, the other in “${before.seriesId}”.`,
      [{ path: ['query', 'with'], message: `Survey ${beforeSurveyId} is in series ${before.seriesId}, not ${after.seriesId}.` }],
      'results.different_series',
    );
  }
  const [beforeResults, afterResults] = await Promise.all([computeSurveyResults(repositories, beforeSurveyId, { level: options.level }), computeSurveyResults(repositories, afterSurveyId, { level: options.level })]);
  if (options.questionId !== undefined && !afterResults.questions.some((q) => q.id === options.questionId)) {
    throw new ValidationError(`This survey has no question “${options.questionId}”.`, [{ path: ['query', 'question'], message: `Unknown question ${options.questionId}.` }], 'results.unknown_question');
  }
  return compareResults(beforeResults, afterResults, { ...(options.questionId !== undefined ? { questionId: options.questionId } : {}), adjust: options.adjust, alpha: options.alpha ?? 0.05 });
}

/** At most this many texts are read per request, the most recent first. */
export const TEXT_LIMIT = 2_000;
const QUOTES = 5;
/** Example quotes shown under each theme. */
const THEME_EXAMPLES = 2;

/** Up to five quotes: the most recent text for each top theme first, then the most recent others. */
function chooseQuotes(texts: readonly string[], themes: readonly KeyPhrase[]): string[] {
  const chosen: string[] = [];
  const take = (text: string | undefined) => {
    if (text !== undefined && !chosen.includes(text) && chosen.length < QUOTES) chosen.push(text);
  };
  for (const theme of themes) take(theme.texts.map((i) => texts[i]!).find((text) => !chosen.includes(text)));
  for (const text of texts) take(text);
  return chosen;
}

/**
 * Themes, quotes and sentiment of one free-text question in one unit (or the force). This is the
 * only place results read raw responses, and only on a member of staff's explicit request (the
 * results page itself reads aggregates): at most the `TEXT_LIMIT` most recent texts, themes (key
 * phrases from `extractKeyPhrases`, each with its share of the texts read and the most recent
 * examples), and quotes passed through `redactText` — shown only when the unit's base for the
 * question passes disclosure control.
 */
export async function textInsights(repositories: Repositories, surveyId: string, options: { questionId: string; unit?: string; level: ResultLevel }): Promise<TextInsights> {
  const loaded = await loadSurvey(repositories, surveyId);
  const question = loaded.questions.find((q) => q.id === options.questionId);
  if (!question || question.type !== 'text') {
    throw new ValidationError(`“${options.questionId}” is not a free-text question of this survey.`, [{ path: ['query', 'question'], message: `No text question ${options.questionId}.` }], 'results.unknown_question');
  }
  const level = options.unit === undefined ? 'force' : options.level;
  const [results, geography] = await Promise.all([computeSurveyResults(repositories, surveyId, { level }), loadGeography(repositories)]);
  const unit = options.unit === undefined ? results.units.find((u) => u.code === FORCE) : results.units.find((u) => u.code === options.unit);
  if (!unit) {
    throw new ValidationError(`There is no ${level} “${options.unit}” in these results.`, [{ path: ['query', 'unit'], message: `Unknown ${level} ${options.unit}.` }], 'results.unknown_unit');
  }
  const figures = unit.code === FORCE ? results.force[question.id] : results.questions.find((q) => q.id === question.id)?.units[unit.code];

  const wards: Set<string | null> | null =
    unit.code === FORCE
      ? null
      : unit.code === NONE
        ? new Set([null])
        : level === 'ward'
          ? new Set([unit.code])
          : level === 'district'
            ? new Set(geography.wards.filter((w) => w.districtCode === unit.code).map((w) => w.code))
            : new Set(geography.areas.find((a) => a.id === unit.code)?.wardCodes ?? []);
  // Newest first, keeping at most TEXT_LIMIT (trimmed as it goes, so memory stays bounded).
  let recent: { at: string; text: string }[] = [];
  let seen = 0;
  for (const version of loaded.versions) {
    for await (const page of repositories.responses.scanVersion(surveyId, version.version)) {
      for (const response of page) {
        if (wards && !wards.has(response.wardCode)) continue;
        const answer = response.answers[question.id];
        if (!answer || !('text' in answer) || answer.text.trim() === '') continue;
        seen++;
        recent.push({ at: response.submittedAt, text: answer.text.trim() });
      }
      if (recent.length > 2 * TEXT_LIMIT) recent = recent.sort((a, b) => b.at.localeCompare(a.at)).slice(0, TEXT_LIMIT);
    }
  }
  const texts = recent
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, TEXT_LIMIT)
    .map((r) => r.text);

  const base = figures?.base ?? { status: 'empty' as const };
  const withheld =
    base.status === 'suppressed'
      ? { reason: base.reason, message: 'Fewer people answered here than disclosure control allows to be quoted, or quoting them would let a withheld figure be worked out.' }
      : base.status === 'empty'
        ? { reason: 'empty' as const, message: 'Nobody answered this question here.' }
        : null;
  // The key-phrase tagger (compromise, the largest library here) loads with the first themes asked for.
  const themes = withheld ? null : await (await import('@wardpulse/analytics/themes')).extractKeyPhrases(texts, { top: 10 });
  return {
    questionId: question.id,
    unit: { level, code: unit.code, name: unit.name },
    textsRead: texts.length,
    truncated: seen > texts.length,
    themes:
      themes?.map((theme) => ({
        phrase: theme.phrase,
        count: theme.count,
        share: theme.share.share,
        lower: theme.share.lower,
        upper: theme.share.upper,
        forms: theme.forms,
        examples: theme.texts.slice(0, THEME_EXAMPLES).map((i) => redactText(texts[i]!)),
      })) ?? null,
    quotes: withheld || !themes ? null : chooseQuotes(texts, themes).map((text) => redactText(text)),
    withheld,
    sentiment: figures?.sentiment ?? null,
  };
}

/** The other surveys of this survey's series (for a wave picker), by wave. */
export async function seriesSurveys(repositories: Repositories, surveyId: string): Promise<Series> {
  const survey = await repositories.surveys.get(surveyId);
  if (!survey) throw new NotFoundError(`No survey with the id ${surveyId}.`, 'survey.not_found');
  const others = (await repositories.surveys.list()).filter((s) => s.seriesId === survey.seriesId && s.id !== survey.id);
  const titled = await Promise.all(
    others.map(async (s) => {
      const version = s.publishedVersion > 0 ? await repositories.surveys.getVersion(s.id, s.publishedVersion) : null;
      return { id: s.id, title: version?.content.title.en ?? s.draft?.title.en ?? s.slug, wave: s.wave, status: s.status };
    }),
  );
  return { seriesId: survey.seriesId, surveys: titled.sort((a, b) => a.wave - b.wave || a.title.localeCompare(b.title)) };
}
