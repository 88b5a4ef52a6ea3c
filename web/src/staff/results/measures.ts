/**
 * What the map and table can show for a question: one option's share, the Likert top two, or a
 * sentiment class of free text, read from a unit's figures. Pure, so it is unit-tested.
 */
import type { QuestionResult, ShareCell, SurveyResults, UnitQuestionResult } from '@wardpulse/domain';
import { SENTIMENTS, TOP_TWO, type Group, type ResultsQuery } from './query-state.ts';

export interface Measure {
  id: string;
  label: string;
}

const SENTIMENT_LABELS: Record<(typeof SENTIMENTS)[number], string> = { _positive: 'Positive', _neutral: 'Neutral', _negative: 'Negative' };

export const QUESTION_TYPE_LABELS: Record<QuestionResult['type'], string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  ranking: 'Ranking',
  likert: 'Agreement scale',
  scale10: '0 to 10 scale',
  text: 'Free text',
  demographic: 'About you',
};

/** The choices of "Colour by" for a question, the most useful first. */
export function measuresFor(question: QuestionResult): Measure[] {
  if (question.type === 'text') return SENTIMENTS.map((id) => ({ id, label: `${SENTIMENT_LABELS[id]} comments` }));
  const options = question.options.map((option) => ({
    id: option.id,
    label: question.type === 'ranking' ? `${option.label} (in the top ${question.pick ?? 3})` : question.type === 'scale10' ? `Answered ${option.label}` : option.label,
  }));
  if (question.type !== 'likert') return options;
  const [first, second] = question.options;
  const topTwo = first && second ? `Top two: “${first.label}” or “${second.label}”` : 'Top two answers';
  return [{ id: TOP_TWO, label: topTwo }, ...options];
}

/** The share a measure reads from one unit's figures for a question; undefined when the unit has none. */
export function measureCell(result: UnitQuestionResult | undefined, measure: string): ShareCell | undefined {
  if (!result) return undefined;
  if (measure === TOP_TWO) return result.topTwo;
  if (measure === '_positive') return result.sentiment?.positive;
  if (measure === '_neutral') return result.sentiment?.neutral;
  if (measure === '_negative') return result.sentiment?.negative;
  return result.options[measure];
}

export function measureLabel(question: QuestionResult, measure: string): string {
  return measuresFor(question).find((m) => m.id === measure)?.label ?? measure;
}

export interface GroupChoice {
  questionId: string;
  title: string;
  options: { id: string; label: string }[];
}

/** Demographic questions and their options: the groups results can be limited to. */
export function groupChoices(results: Pick<SurveyResults, 'questions'>): GroupChoice[] {
  return results.questions.filter((q) => q.type === 'demographic').map((q) => ({ questionId: q.id, title: q.title, options: q.options }));
}

export interface ResolvedView {
  question: QuestionResult | null;
  measure: string | null;
}

/**
 * The question and measure to show: the ones asked for when the results have them, otherwise
 * the first question that is not about the respondent, and its first measure.
 */
export function resolveView(query: Pick<ResultsQuery, 'question' | 'show'>, results: Pick<SurveyResults, 'questions'>): ResolvedView {
  const question = results.questions.find((q) => q.id === query.question) ?? results.questions.find((q) => q.type !== 'demographic' && q.type !== 'text') ?? results.questions[0] ?? null;
  if (!question) return { question: null, measure: null };
  const measures = measuresFor(question);
  const measure = measures.find((m) => m.id === query.show)?.id ?? measures[0]?.id ?? null;
  return { question, measure };
}

/** Whether a group from the address names a demographic option these results have. */
export function validGroup(group: Group | null, results: Pick<SurveyResults, 'questions'>): Group | null {
  if (!group) return null;
  const question = results.questions.find((q) => q.id === group.questionId && q.type === 'demographic');
  return question?.options.some((o) => o.id === group.optionId) ? group : null;
}

/** Share of a cell for sorting: shown shares by value, then withheld, then empty. */
export function sortKey(cell: ShareCell | undefined): number {
  if (!cell || cell.status === 'empty') return -2;
  if (cell.status === 'suppressed') return -1;
  return cell.share;
}
