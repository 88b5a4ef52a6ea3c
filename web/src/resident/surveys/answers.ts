import type { Answer, Answers, Locale, Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { isVisible, visibleQuestions } from '@wardpulse/domain/surveys/visibility';
import type { Translate } from '../strings/surveys.ts';
import { radioAnswerLabel } from './questions/choice.tsx';

/**
 * Answer rules on the phone: the same checks the API makes (`validateResponse` in the domain),
 * worded for a resident, so a problem is shown on the question's own page before anything is sent.
 */

/** True when an answer holds nothing (the API treats these as unanswered too). */
export function isEmpty(answer: Answer | undefined): boolean {
  return (
    answer === undefined ||
    ('optionIds' in answer && answer.optionIds.length === 0) ||
    ('ranking' in answer && answer.ranking.length === 0) ||
    ('text' in answer && answer.text.trim() === '')
  );
}

/** What is wrong with a question's answer, in the resident's language, or null. */
export function answerProblem(question: Question, answer: Answer | undefined, t: Translate, locale: Locale): string | null {
  if (question.type === 'statement') return null;
  if (isEmpty(answer)) {
    if (!question.required) return null;
    switch (question.type) {
      case 'multiple':
        return t('chooseAtLeastOne');
      case 'ranking':
        return t('rankAtLeastOne');
      case 'text':
        return t('enterAnswer');
      case 'location':
        return t('locationRequired');
      default:
        return t('chooseOne');
    }
  }
  if (question.type === 'multiple' && answer && 'optionIds' in answer) {
    if (question.maxChoices !== undefined && answer.optionIds.length > question.maxChoices) return t.plural('chooseAtMost', question.maxChoices);
    const exclusive = question.options.find((o) => o.exclusive && answer.optionIds.includes(o.id));
    if (exclusive && answer.optionIds.length > 1) return t('exclusiveAlone', { option: localise(exclusive.label, locale) });
  }
  if (question.type === 'text' && answer && 'text' in answer && answer.text.length > question.maxLength) return t.plural('tooLong', question.maxLength);
  return null;
}

/** Drops answers to questions an answer change has hidden (repeatedly: hiding one can hide another). */
export function withoutHidden(questions: readonly Question[], answers: Answers): Answers {
  let current = answers;
  for (;;) {
    const hidden = questions.filter((q) => current[q.id] !== undefined && !isVisible(q, current));
    if (hidden.length === 0) return current;
    current = Object.fromEntries(Object.entries(current).filter(([id]) => !hidden.some((q) => q.id === id)));
  }
}

/** What is sent: visible, non-empty answers only. */
export function answersToSend(questions: readonly Question[], answers: Answers): Answers {
  const visible = new Set(visibleQuestions(questions, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(withoutHidden(questions, answers)).filter(([id, answer]) => visible.has(id) && !isEmpty(answer)));
}

/** An answer as "Check your answers" shows it: one line, or a list for multiple and ranking. */
export function answerDisplay(question: Question, answer: Answer | undefined, locale: Locale, wardLabel: string | undefined): string | string[] | null {
  if (!answer || isEmpty(answer)) return null;
  switch (question.type) {
    case 'single':
    case 'likert':
    case 'demographic':
    case 'scale10':
      return radioAnswerLabel(question, answer, locale) ?? null;
    case 'multiple':
      return 'optionIds' in answer ? answer.optionIds.map((id) => localise(question.options.find((o) => o.id === id)?.label, locale)) : null;
    case 'ranking':
      return 'ranking' in answer ? answer.ranking.map((id, i) => `${i + 1}. ${localise(question.options.find((o) => o.id === id)?.label, locale)}`) : null;
    case 'text':
      return 'text' in answer ? answer.text : null;
    case 'location':
      return 'wardCode' in answer ? (wardLabel ?? answer.wardCode) : null;
    case 'statement':
      return null;
  }
}
