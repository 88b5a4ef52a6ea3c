/** Show-if conditions in the designer: which questions and operators a condition may use, and a condition that still fits after a change. */
import { SCALES, type Condition, type Option, type Question } from '@wardpulse/domain';

/** Which operators a condition on `target` can use. */
export function operatorsFor(target: Question): Condition['operator'][] {
  switch (target.type) {
    case 'single':
    case 'likert':
    case 'demographic':
      return ['is', 'is_not', 'answered'];
    case 'multiple':
    case 'ranking':
      return ['includes', 'answered'];
    default:
      return ['answered'];
  }
}

export const OPERATOR_LABELS: Record<Condition['operator'], string> = {
  is: 'the answer is',
  is_not: 'the answer is not',
  includes: 'the answers include',
  answered: 'it was answered (any answer)',
};

/** The options a condition can name: a question's own, or its scale's points. */
export function conditionOptions(target: Question): Option[] {
  if (target.type === 'likert') return SCALES[target.scale];
  return 'options' in target ? target.options : [];
}

/** Questions a condition on question `index` may point at: earlier ones with an answer. */
export function conditionTargets(questions: readonly Question[], index: number): Question[] {
  return questions.slice(0, index).filter((q) => q.type !== 'statement');
}

/** A condition on `target`, keeping what still fits of the previous one. */
export function conditionFor(target: Question, previous?: Condition): Condition {
  const operators = operatorsFor(target);
  const operator = previous && operators.includes(previous.operator) ? previous.operator : operators[0]!;
  if (operator === 'answered') return { questionId: target.id, operator };
  const options = conditionOptions(target);
  const optionId = previous?.questionId === target.id && options.some((o) => o.id === previous.optionId) ? previous.optionId : options[0]?.id;
  return { questionId: target.id, operator, ...(optionId ? { optionId } : {}) };
}
