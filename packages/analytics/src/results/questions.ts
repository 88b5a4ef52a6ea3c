import { DONT_KNOW, DONT_KNOW_LABEL, isTopTwo, SCALES, type QuestionResult, type SurveyVersion } from '@wardpulse/domain';

/**
 * What results need to know about a question: its options (English labels), which counters it
 * has, how its counters add up inside a unit, and how a parent counter contains child ones.
 */
export interface ResultQuestion {
  id: string;
  type: QuestionResult['type'];
  title: string;
  options: { id: string; label: string }[];
  /** Rankings: places asked for. */
  pick?: number;
  /** Likert scores and 0–10 values by option id, for means ("don't know" has none). */
  scores?: Map<string, number>;
  /** Likert: the two most positive options. */
  topTwo?: string[];
  dontKnow: boolean;
}

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;

/** Counter names of a question (`q#n`, `q#o#<opt>`, …), read per unit. */
export const counter = {
  base: (q: string) => `${q}#n`,
  option: (q: string, option: string) => `${q}#o#${option}`,
  position: (q: string, option: string, position: number) => `${q}#r#${option}#${position}`,
  topTwo: (q: string) => `${q}#top2`,
  /** Answers with a score (base minus "don't know"): derived, see `withDerived`. */
  scored: (q: string) => `${q}#scored`,
  sentiment: (q: string, label: string) => `${q}#s#${label}`,
  sentimentSum: (q: string) => `${q}#s#sum`,
};

const SCALE10_VALUES = Array.from({ length: 11 }, (_, value) => value);

/**
 * The questions results report, from the latest published version (titles and labels in English),
 * with any option that only an earlier version offered kept at the end, so option counts still add
 * up to the base across versions. Location and statement pages have no results.
 */
export function resultQuestions(versions: readonly SurveyVersion[]): ResultQuestion[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1);
  if (!latest) return [];
  const earlierOptions = new Map<string, { id: string; label: string }[]>();
  for (const version of sorted) {
    for (const question of version.content.questions) {
      if ('options' in question) {
        const known = earlierOptions.get(question.id) ?? [];
        for (const option of question.options) if (!known.some((o) => o.id === option.id)) known.push({ id: option.id, label: option.label.en });
        earlierOptions.set(question.id, known);
      }
    }
  }
  const questions: ResultQuestion[] = [];
  for (const question of latest.content.questions) {
    const base = { id: question.id, title: question.title.en };
    const dontKnowOption = { id: DONT_KNOW, label: DONT_KNOW_LABEL.en };
    const withEarlier = (options: { id: string; label: string }[]) => [...options, ...(earlierOptions.get(question.id) ?? []).filter((o) => !options.some((x) => x.id === o.id))];
    switch (question.type) {
      case 'single':
        questions.push({ ...base, type: 'single', dontKnow: question.dontKnow, options: withEarlier([...question.options.map((o) => ({ id: o.id, label: o.label.en })), ...(question.dontKnow ? [dontKnowOption] : [])]) });
        break;
      case 'multiple':
      case 'demographic':
        questions.push({ ...base, type: question.type, dontKnow: false, options: withEarlier(question.options.map((o) => ({ id: o.id, label: o.label.en }))) });
        break;
      case 'ranking':
        questions.push({ ...base, type: 'ranking', dontKnow: false, pick: question.pick, options: withEarlier(question.options.map((o) => ({ id: o.id, label: o.label.en }))) });
        break;
      case 'likert': {
        const points = SCALES[question.scale];
        questions.push({
          ...base,
          type: 'likert',
          dontKnow: question.dontKnow,
          options: [...points.map((p) => ({ id: p.id, label: p.label.en })), ...(question.dontKnow ? [dontKnowOption] : [])],
          scores: new Map(points.map((p) => [p.id, p.score])),
          topTwo: points.filter((p) => isTopTwo(question.scale, p.id)).map((p) => p.id),
        });
        break;
      }
      case 'scale10':
        questions.push({
          ...base,
          type: 'scale10',
          dontKnow: question.dontKnow,
          options: [
            ...SCALE10_VALUES.map((value) => ({ id: String(value), label: value === 0 ? `0 – ${question.minLabel.en}` : value === 10 ? `10 – ${question.maxLabel.en}` : String(value) })),
            ...(question.dontKnow ? [dontKnowOption] : []),
          ],
          scores: new Map(SCALE10_VALUES.map((value) => [String(value), value])),
        });
        break;
      case 'text':
        questions.push({ ...base, type: 'text', dontKnow: false, options: [] });
        break;
      case 'location':
      case 'statement':
        break;
    }
  }
  return questions;
}

/** One answer per respondent: the base is the sum of the options. */
export const isExclusive = (question: ResultQuestion) => question.type === 'single' || question.type === 'likert' || question.type === 'demographic' || question.type === 'scale10';

/** Every counter of a question that results publish (as a cell) or derive figures from. */
export function cellCounters(question: ResultQuestion, grouped: boolean): string[] {
  const q = question.id;
  const names = [counter.base(q), ...question.options.map((o) => counter.option(q, o.id))];
  if (question.scores) names.push(counter.scored(q));
  if (question.topTwo) names.push(counter.topTwo(q));
  if (question.type === 'text' && !grouped) names.push(...SENTIMENT_LABELS.map((label) => counter.sentiment(q, label)));
  return names;
}

/** How a question's counters add up inside one unit (`total = Σ parts`). */
export function withinUnitConstraints(question: ResultQuestion, grouped: boolean): { total: string; parts: string[] }[] {
  const q = question.id;
  const constraints: { total: string; parts: string[] }[] = [];
  if (isExclusive(question)) constraints.push({ total: counter.base(q), parts: question.options.map((o) => counter.option(q, o.id)) });
  if (question.scores) {
    constraints.push({ total: counter.scored(q), parts: [...question.scores.keys()].map((id) => counter.option(q, id)) });
    constraints.push({ total: counter.base(q), parts: [counter.scored(q), ...(question.dontKnow ? [counter.option(q, DONT_KNOW)] : [])] });
  }
  if (question.topTwo) constraints.push({ total: counter.topTwo(q), parts: question.topTwo.map((id) => counter.option(q, id)) });
  if (question.type === 'text' && !grouped) constraints.push({ total: counter.base(q), parts: SENTIMENT_LABELS.map((label) => counter.sentiment(q, label)) });
  return constraints;
}

/** Withholding a parent counter withholds these (the base holds everything; the scored base holds the top-2 box). */
export function containedCounters(question: ResultQuestion, grouped: boolean): Map<string, string[]> {
  const q = question.id;
  const all = cellCounters(question, grouped).filter((name) => name !== counter.base(q));
  const contained = new Map([[counter.base(q), all]]);
  if (question.topTwo) contained.set(counter.scored(q), [counter.topTwo(q)]);
  return contained;
}

/** Adds derived counters (the scored base of Likert and 0–10 questions) to a unit's counters. */
export function withDerived(counters: Record<string, number>, questions: readonly ResultQuestion[]): Record<string, number> {
  for (const question of questions) {
    if (!question.scores) continue;
    const base = counters[counter.base(question.id)] ?? 0;
    counters[counter.scored(question.id)] = base - (counters[counter.option(question.id, DONT_KNOW)] ?? 0);
  }
  return counters;
}
