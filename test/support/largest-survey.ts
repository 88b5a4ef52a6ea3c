import { CAPACITY, checkDraft, largestSubmissionBytes, SurveyContentSchema, type Question, type QuestionInput, type SurveyContent, type SurveyContentInput } from '@wardpulse/domain';

/** Ids of the longest length allowed (40), so counter names are as long as they can be. */
const longId = (prefix: string, i: number) => `${prefix}${i}_`.padEnd(40, 'x');
const options = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ id: longId(prefix, i), label: { en: `${prefix} ${i}` } }));

const publishable = (input: SurveyContentInput): boolean => checkDraft(SurveyContentSchema.parse(input)).every((c) => c.severity !== 'error');

/**
 * The largest survey `checkDraft` lets an officer publish, built greedily: equality questions with
 * many options, then 30-option multiple-choice questions (every option choosable) until one more
 * would be refused, then 40 free-text questions whose limit fills the upload to the body limit.
 * Every id is 40 characters, so every counter name is as long as it can be.
 */
export function largestSurvey(): SurveyContent {
  const questions: QuestionInput[] = [{ id: 'area', type: 'location', required: true, title: { en: 'Where do you live?' } }];
  const fields = ['ageBand', 'sex', 'genderIdentity', 'ethnicity', 'disability'] as const;
  fields.forEach((field, i) => questions.push({ id: longId(`demo_${field.toLowerCase()}`, i), type: 'demographic', field, title: { en: field }, options: options('d', field === 'ethnicity' ? 19 : 8) }));
  const base = { title: { en: 'The largest survey' }, locales: ['en'] as ['en'] };
  // Free-text questions fill the places left (they add main counters but no breakdowns), all with
  // the one character limit that fills the upload (the checker counts 3 bytes a character).
  const texts = (count: number, maxLength: number): QuestionInput[] =>
    Array.from({ length: count }, (_, i) => ({ id: longId('why', i), type: 'text', multiline: true, title: { en: `Anything else ${i}?` }, maxLength }));
  const textCount = 40;
  for (let i = 0; questions.length < 80 - textCount; i++) {
    const next: QuestionInput = { id: longId('m', i), type: 'multiple', title: { en: `Question ${i}` }, options: options('o', 30) };
    if (!publishable({ ...base, questions: [...questions, next, ...texts(textCount, 1)] })) break;
    questions.push(next);
  }
  let maxLength = 5_000;
  while (maxLength > 1 && largestSubmissionBytes(SurveyContentSchema.parse({ ...base, questions: [...questions, ...texts(textCount, maxLength)] })) > CAPACITY.submissionBytes) maxLength -= 1;
  questions.push(...texts(textCount, maxLength));
  const content = SurveyContentSchema.parse({ ...base, questions });
  if (!publishable(content)) throw new Error('The largest survey should be publishable.');
  return content;
}

/** The longest answers a resident can give: every option, every character (3 UTF-8 bytes each). */
export function longestAnswers(content: SurveyContent, wardCode: string): Record<string, unknown> {
  const answer = (question: Question): unknown => {
    if (question.type === 'location') return { wardCode, method: 'postcode' };
    if (question.type === 'demographic') return { optionId: question.options[question.options.length - 1]!.id };
    if (question.type === 'multiple') return { optionIds: question.options.map((o) => o.id) };
    if (question.type === 'text') return { text: '€'.repeat(question.maxLength) };
    throw new Error(`No longest answer for ${question.type}`);
  };
  return Object.fromEntries(content.questions.map((q) => [q.id, answer(q)]));
}
