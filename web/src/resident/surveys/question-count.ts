import type { Answer, Answers, Condition, Question } from '@wardpulse/domain';
import { DONT_KNOW, SCALES } from '@wardpulse/domain/constants/scales';
import { isVisible } from '@wardpulse/domain/surveys/visibility';

/**
 * How many questions a resident answers, as the runner numbers them ("Question 3 of 11"):
 * statement pages are not questions, and a question whose condition never holds is never shown.
 * With conditions the number depends on the answers, so this walks every way of answering the
 * questions that conditions look at and returns the fewest and the most.
 */
export interface QuestionCount {
  /** 0 when the survey branches too much to know. */
  min: number;
  max: number;
}

const counts = (question: Question) => question.type !== 'statement';

/** Paths tried before giving up on exactness; real surveys have a handful of branching questions. */
const MAX_PATHS = 20_000;

/** Every subset of `items` with at most `limit` members, the empty one first. */
function subsets<T>(items: readonly T[], limit: number): T[][] {
  const result: T[][] = [[]];
  for (const item of items) for (const subset of [...result]) if (subset.length < limit) result.push([...subset, item]);
  return result;
}

/** The option ids a resident can pick for a question. */
function optionIds(question: Question): string[] {
  switch (question.type) {
    case 'single':
      return [...question.options.map((o) => o.id), ...(question.dontKnow ? [DONT_KNOW] : [])];
    case 'likert':
      return [...SCALES[question.scale].map((p) => p.id), ...(question.dontKnow ? [DONT_KNOW] : [])];
    case 'demographic':
    case 'multiple':
    case 'ranking':
      return question.options.map((o) => o.id);
    default:
      return [];
  }
}

/**
 * The answers to `question` that conditions can tell apart: each option a condition names, one
 * option none names (if there is one), and no answer at all when the question may be skipped.
 */
function distinctAnswers(question: Question, conditions: readonly Condition[]): (Answer | undefined)[] {
  const ids = optionIds(question);
  const named = [...new Set(conditions.flatMap((c) => (c.optionId !== undefined && ids.includes(c.optionId) ? [c.optionId] : [])))];
  const another = ids.find((id) => !named.includes(id));
  const skip: (Answer | undefined)[] = question.required ? [] : [undefined];
  switch (question.type) {
    case 'single':
    case 'likert':
    case 'demographic':
      return [...skip, ...[...named, ...(another ? [another] : [])].map((optionId) => ({ optionId }))];
    case 'multiple': {
      const limit = question.maxChoices ?? ids.length;
      const picks = subsets(named, limit).filter((s) => s.length > 0);
      return [...skip, ...picks.map((optionIds) => ({ optionIds })), ...(another ? [{ optionIds: [another] }] : [])];
    }
    case 'ranking': {
      const picks = subsets(named, question.pick).filter((s) => s.length > 0);
      return [...skip, ...picks.map((ranking) => ({ ranking })), ...(another ? [{ ranking: [another] }] : [])];
    }
    case 'scale10':
      return [...skip, { value: 0 }, ...(question.dontKnow ? [{ optionId: DONT_KNOW }] : [])];
    case 'text':
      return [...skip, { text: 'answered' }];
    case 'location':
      return [...skip, { wardCode: 'E05000000', method: 'chosen' }];
    case 'statement':
      return [undefined];
  }
}

/**
 * With `given` answers (the resident's so far), questions already answered take their answer
 * instead of branching, so the runner's "of N" and the start page's count are the same reckoning.
 */
export function questionCount(questions: readonly Question[], given: Answers = {}): QuestionCount {
  const conditionsOn = new Map<string, Condition[]>();
  for (const question of questions) {
    if (question.showIf) conditionsOn.set(question.showIf.questionId, [...(conditionsOn.get(question.showIf.questionId) ?? []), question.showIf]);
  }
  const all = questions.filter(counts).length;
  if (conditionsOn.size === 0) return { min: all, max: all };

  let min = Infinity;
  let max = -Infinity;
  let paths = 0;
  const walk = (index: number, answers: Answers, shown: number): boolean => {
    if (index === questions.length) {
      min = Math.min(min, shown);
      max = Math.max(max, shown);
      return ++paths < MAX_PATHS;
    }
    const question = questions[index]!;
    if (!isVisible(question, answers)) return walk(index + 1, answers, shown);
    const next = shown + (counts(question) ? 1 : 0);
    const conditions = conditionsOn.get(question.id);
    if (!conditions) return walk(index + 1, answers, next);
    const answered = given[question.id];
    for (const answer of answered === undefined ? distinctAnswers(question, conditions) : [answered]) {
      const branch = { ...answers };
      if (answer === undefined) delete branch[question.id];
      else branch[question.id] = answer;
      if (!walk(index + 1, branch, next)) return false;
    }
    return true;
  };
  // Too many branches to be exact: no lower bound, and every question as the upper one.
  if (!walk(0, {}, 0)) return { min: 0, max: all };
  return { min, max };
}
