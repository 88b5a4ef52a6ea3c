import type { Answer, Answers } from './answer.ts';
import type { Condition, Question } from './questions.ts';

function chosen(answer: Answer | undefined): string[] {
  if (!answer) return [];
  if ('optionId' in answer) return [answer.optionId];
  if ('optionIds' in answer) return answer.optionIds;
  if ('ranking' in answer) return answer.ranking;
  return [];
}

export function conditionHolds(condition: Condition, answers: Answers): boolean {
  const answer = answers[condition.questionId];
  switch (condition.operator) {
    case 'answered':
      return answer !== undefined;
    case 'is':
      return answer !== undefined && 'optionId' in answer && answer.optionId === condition.optionId;
    case 'is_not':
      return answer !== undefined && !('optionId' in answer && answer.optionId === condition.optionId);
    case 'includes':
      return condition.optionId !== undefined && chosen(answer).includes(condition.optionId);
  }
}

/** Whether a question is shown, given the answers so far (hidden questions must not be answered). */
export function isVisible(question: Question, answers: Answers): boolean {
  return question.showIf === undefined || conditionHolds(question.showIf, answers);
}

/** The questions a resident sees, in order, given their answers. */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  return questions.filter((question) => isVisible(question, answers));
}
