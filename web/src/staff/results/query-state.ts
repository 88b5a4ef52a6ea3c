/**
 * The Results page's choices live in the address's query string, so a link reproduces the view:
 * `?level=ward&question=safe_after_dark&show=_top2&group=age_band:age_16_24&within=E08000028`.
 * Anything unreadable falls back to the default rather than failing.
 */
import type { Adjustment, ResultLevel } from '@wardpulse/domain';

export const LEVELS: readonly ResultLevel[] = ['ward', 'district', 'area', 'force'];
export const ADJUSTMENTS: readonly Adjustment[] = ['holm', 'bh'];

/** What the map and table show for a question: an option's share, or one of these. */
export const TOP_TWO = '_top2';
export const SENTIMENTS = ['_positive', '_neutral', '_negative'] as const;
export type SentimentMeasure = (typeof SENTIMENTS)[number];

export interface Group {
  questionId: string;
  optionId: string;
}

export interface ResultsQuery {
  level: ResultLevel;
  question: string | null;
  /** An option id, `_top2`, or a sentiment class. Option ids start with a letter, so these never clash. */
  show: string | null;
  group: Group | null;
  /** A district code or area id that limits the wards shown. */
  within: string | null;
  /** Another wave of the series to compare with. */
  compare: string | null;
  adjust: Adjustment;
}

export const DEFAULT_QUERY: ResultsQuery = { level: 'ward', question: null, show: null, group: null, within: null, compare: null, adjust: 'holm' };

const ID = /^[a-z][a-z0-9_]{0,39}$/;
const MEASURE = /^(?:[a-z][a-z0-9_]{0,39}|_top2|_positive|_neutral|_negative)$/;
/** Codes and ids from the address: letters, digits, `-` and `_`, nothing that could smuggle a path. */
const TOKEN = /^[\w-]{1,80}$/;

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback);
const matching = (value: string | null, pattern: RegExp): string | null => (value !== null && pattern.test(value) ? value : null);

export function parseGroup(value: string | null): Group | null {
  if (!value) return null;
  const [questionId, optionId, ...rest] = value.split(':');
  if (rest.length > 0 || !questionId || !optionId || !ID.test(questionId) || !ID.test(optionId)) return null;
  return { questionId, optionId };
}

export const formatGroup = (group: Group): string => `${group.questionId}:${group.optionId}`;

export function parseResultsQuery(search: string): ResultsQuery {
  const params = new URLSearchParams(search);
  return {
    level: pick(params.get('level'), LEVELS, DEFAULT_QUERY.level),
    question: matching(params.get('question'), ID),
    show: matching(params.get('show'), MEASURE),
    group: parseGroup(params.get('group')),
    within: matching(params.get('within'), TOKEN),
    compare: matching(params.get('compare'), TOKEN),
    adjust: pick(params.get('adjust'), ADJUSTMENTS, DEFAULT_QUERY.adjust),
  };
}

/** The query string for a state, defaults left out; `''` when everything is the default. */
export function formatResultsQuery(query: ResultsQuery): string {
  const params = new URLSearchParams();
  if (query.level !== DEFAULT_QUERY.level) params.set('level', query.level);
  if (query.question) params.set('question', query.question);
  if (query.show) params.set('show', query.show);
  if (query.group) params.set('group', formatGroup(query.group));
  if (query.within) params.set('within', query.within);
  if (query.compare) params.set('compare', query.compare);
  if (query.adjust !== DEFAULT_QUERY.adjust) params.set('adjust', query.adjust);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `/staff/surveys/<id>/results` → `<id>`; anything else → null. */
export function resultsSurveyId(path: string): string | null {
  const match = /^\/staff\/surveys\/([\w-]+)\/results\/?$/.exec(path);
  return match ? match[1]! : null;
}

export const resultsPath = (surveyId: string) => `/staff/surveys/${surveyId}/results`;
