import { z } from 'zod';
import type { ErrorIssue } from '../errors.ts';
import { LocaleSchema } from './i18n.ts';
import type { Question } from './questions.ts';
import { DONT_KNOW } from '../constants/scales.ts';
import { SCALES } from '../constants/scales.ts';
import type { SurveyVersion } from './survey.ts';
import { isVisible } from './visibility.ts';
import { AnswersSchema, type Answer, type Answers } from './answer.ts';

export { AnswerSchema, AnswersSchema, type Answer, type Answers } from './answer.ts';

/** What the resident app sends. The id is generated on the device when the survey starts. */
export const ResponseSubmissionSchema = z
  .object({
    id: z.uuid(),
    surveyId: z.string().min(1).max(64),
    version: z.number().int().min(1),
    locale: LocaleSchema,
    answers: AnswersSchema,
    startedAt: z.iso.datetime().optional(),
    /** Honeypot: a field people never see. Anything in it marks the submission as a bot's. */
    website: z.string().max(200).optional(),
  })
  .strict();
export type ResponseSubmission = z.infer<typeof ResponseSubmissionSchema>;

const optionIds = (question: Question): Set<string> => {
  if (question.type === 'likert') return new Set([...SCALES[question.scale].map((p) => p.id), ...(question.dontKnow ? [DONT_KNOW] : [])]);
  if ('options' in question) return new Set([...question.options.map((o) => o.id), ...('dontKnow' in question && question.dontKnow ? [DONT_KNOW] : [])]);
  return new Set();
};

function checkAnswer(question: Question, answer: Answer): string | null {
  const allowed = optionIds(question);
  switch (question.type) {
    case 'single':
    case 'likert':
    case 'demographic':
      if (!('optionId' in answer)) return 'Choose one option.';
      return allowed.has(answer.optionId) ? null : `"${answer.optionId}" is not an option of this question.`;
    case 'multiple': {
      if (!('optionIds' in answer)) return 'Choose options from the list.';
      const unknown = answer.optionIds.filter((id) => !allowed.has(id));
      if (unknown.length > 0) return `Not options of this question: ${unknown.join(', ')}.`;
      if (new Set(answer.optionIds).size !== answer.optionIds.length) return 'An option is chosen twice.';
      if (question.maxChoices !== undefined && answer.optionIds.length > question.maxChoices) return `Choose at most ${question.maxChoices}.`;
      const exclusive = question.options.filter((o) => o.exclusive).map((o) => o.id);
      if (answer.optionIds.length > 1 && answer.optionIds.some((id) => exclusive.includes(id))) return 'An option that must be chosen alone was combined with others.';
      return null;
    }
    case 'ranking': {
      if (!('ranking' in answer)) return 'Rank options from the list.';
      const unknown = answer.ranking.filter((id) => !allowed.has(id));
      if (unknown.length > 0) return `Not options of this question: ${unknown.join(', ')}.`;
      if (new Set(answer.ranking).size !== answer.ranking.length) return 'An option is ranked twice.';
      if (answer.ranking.length > question.pick) return `Rank at most ${question.pick}.`;
      return null;
    }
    case 'scale10':
      if ('value' in answer) return null;
      if ('optionId' in answer && question.dontKnow && answer.optionId === DONT_KNOW) return null;
      return 'Choose a number from 0 to 10.';
    case 'text':
      if (!('text' in answer)) return 'Write an answer.';
      return answer.text.length > question.maxLength ? `Keep it to ${question.maxLength} characters.` : null;
    case 'location':
      return 'wardCode' in answer ? null : 'Give a postcode or choose a ward.';
    case 'statement':
      return 'This page has nothing to answer.';
  }
}

const isEmpty = (answer: Answer | undefined) =>
  answer === undefined || ('optionIds' in answer && answer.optionIds.length === 0) || ('ranking' in answer && answer.ranking.length === 0) || ('text' in answer && answer.text.trim() === '');

/**
 * Checks a submission against the exact published version it answers. Returns every problem
 * (empty when valid): unknown questions, wrong options, too many choices, duplicate ranks,
 * answers to hidden questions, missing required answers.
 * @example
 * validateResponse(version, submission) // [{ path: ['answers', 'q_top3'], message: 'An option is ranked twice.' }]
 */
export function validateResponse(version: SurveyVersion, submission: Pick<ResponseSubmission, 'answers' | 'locale'>): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const byId = new Map(version.content.questions.map((q) => [q.id, q]));
  if (!version.content.locales.includes(submission.locale)) {
    issues.push({ path: ['locale'], message: `This survey is not offered in ${submission.locale}.`, code: 'response.locale' });
  }
  for (const [id, answer] of Object.entries(submission.answers)) {
    const question = byId.get(id);
    if (!question) {
      issues.push({ path: ['answers', id], message: 'There is no question with this id in this version.', code: 'response.unknown_question' });
      continue;
    }
    if (!isVisible(question, submission.answers)) {
      issues.push({ path: ['answers', id], message: 'This question was hidden by an earlier answer, so it must not be answered.', code: 'response.hidden_question' });
      continue;
    }
    const problem = checkAnswer(question, answer);
    if (problem) issues.push({ path: ['answers', id], message: problem, code: 'response.invalid_answer' });
  }
  for (const question of version.content.questions) {
    if (question.required && question.type !== 'statement' && isVisible(question, submission.answers) && isEmpty(submission.answers[question.id])) {
      issues.push({ path: ['answers', question.id], message: 'This question needs an answer.', code: 'response.required' });
    }
  }
  return issues;
}

/** The ward a response is counted in: its location answer, if any. */
export function responseWard(version: SurveyVersion, answers: Answers): string | null {
  for (const question of version.content.questions) {
    const answer = answers[question.id];
    if (question.type === 'location' && answer && 'wardCode' in answer) return answer.wardCode;
  }
  return null;
}
