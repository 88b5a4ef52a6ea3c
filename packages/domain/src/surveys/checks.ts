import type { ErrorIssue } from '../errors.ts';
import { LOCALE_INFO, type Locale } from '../constants/locales.ts';
import type { Text } from './i18n.ts';
import type { Question } from './questions.ts';
import { DONT_KNOW } from '../constants/scales.ts';
import { SCALES } from '../constants/scales.ts';
import type { SurveyContent } from './survey.ts';
import { CAPACITY, measureCapacity } from './capacity.ts';
import { outdatedTranslations } from './translations.ts';

export interface DraftCheck extends ErrorIssue {
  /** Errors block publishing; warnings are shown but allowed. */
  severity: 'error' | 'warning';
}

function texts(question: Question): [string, Text][] {
  const list: [string, Text][] = [['title', question.title]];
  if (question.help) list.push(['help', question.help]);
  if ('options' in question) question.options.forEach((option, index) => list.push([`options.${index}.label`, option.label]));
  if (question.type === 'scale10') list.push(['minLabel', question.minLabel], ['maxLabel', question.maxLabel]);
  return list;
}

/**
 * What an officer must fix before publishing: duplicate or empty ids and options, conditions that
 * point nowhere (or forward), missing translations for the survey's languages, translations whose
 * English has been reworded since they were written (until updated or marked reviewed), impossible
 * limits.
 * @example
 * checkDraft(content).filter((c) => c.severity === 'error') // [] when it can be published
 */
export function checkDraft(content: SurveyContent): DraftCheck[] {
  const checks: DraftCheck[] = [];
  const error = (path: (string | number)[], message: string, code: string) => checks.push({ path, message, code, severity: 'error' });
  const warn = (path: (string | number)[], message: string, code: string) => checks.push({ path, message, code, severity: 'warning' });
  const seen = new Map<string, number>();
  const otherLocales = content.locales.filter((locale): locale is Exclude<Locale, 'en'> => locale !== 'en');

  for (const locale of otherLocales) {
    for (const [name, text] of [['title', content.title], ['intro', content.intro], ['thanks', content.thanks]] as const) {
      if (text && !(text as Record<string, string | undefined>)[locale]?.trim()) error([name], `Add the ${LOCALE_INFO[locale].name} ${name}.`, 'draft.missing_translation');
    }
  }

  content.questions.forEach((question, index) => {
    const at = (...rest: (string | number)[]) => ['questions', index, ...rest];
    if (seen.has(question.id)) error(at('id'), `Question id "${question.id}" is also used by question ${seen.get(question.id)! + 1}.`, 'draft.duplicate_question');

    if ('options' in question) {
      const ids = new Set<string>();
      question.options.forEach((option, optionIndex) => {
        if (ids.has(option.id) || option.id === DONT_KNOW) error(at('options', optionIndex, 'id'), `Option id "${option.id}" is used twice or reserved.`, 'draft.duplicate_option');
        ids.add(option.id);
        if (!option.label.en.trim()) error(at('options', optionIndex, 'label'), 'This option has no text.', 'draft.empty_option');
      });
      if (question.type === 'ranking' && question.pick > question.options.length) error(at('pick'), `You ask for the top ${question.pick} but there are only ${question.options.length} options.`, 'draft.impossible_limit');
      if (question.type === 'multiple' && question.maxChoices !== undefined && question.maxChoices > question.options.length) error(at('maxChoices'), 'The maximum is more than the number of options.', 'draft.impossible_limit');
    }

    for (const locale of otherLocales) {
      for (const [name, text] of texts(question)) {
        if (!(text as Record<string, string | undefined>)[locale]?.trim()) error(at(...name.split('.')), `Add the ${LOCALE_INFO[locale].name} translation.`, 'draft.missing_translation');
      }
    }

    if (question.showIf) {
      const target = seen.has(question.showIf.questionId) ? content.questions[seen.get(question.showIf.questionId)!] : undefined;
      if (!target) {
        error(at('showIf'), `The condition refers to "${question.showIf.questionId}", which is not an earlier question.`, 'draft.broken_condition');
      } else if (question.showIf.operator !== 'answered') {
        const options = target.type === 'likert' ? SCALES[target.scale].map((p) => p.id) : 'options' in target ? target.options.map((o) => o.id) : [];
        if (!question.showIf.optionId || !options.includes(question.showIf.optionId)) error(at('showIf', 'optionId'), `"${question.showIf.optionId ?? ''}" is not an option of "${target.id}".`, 'draft.broken_condition');
      }
    }
    // Registered after the condition check, so a question cannot depend on itself or a later one.
    if (!seen.has(question.id)) seen.set(question.id, index);
  });

  for (const string of outdatedTranslations(content, otherLocales)) {
    const language = LOCALE_INFO[string.locale].name;
    const name = string.name.charAt(0).toUpperCase() + string.name.slice(1);
    error(
      string.path,
      `${name} was reworded in English after its ${language} translation was written. Update the ${language} translation, or choose “Mark reviewed” in Translations if it still says the same.`,
      'draft.outdated_translation',
    );
  }

  const capacity = measureCapacity(content);
  if (capacity.submissionBytes > CAPACITY.submissionBytes) {
    const textLimit = content.questions.reduce((total, q) => total + (q.type === 'text' ? q.maxLength : 0), 0);
    error(
      ['questions'],
      `The longest answers this survey allows would not fit in one upload from a phone (${Math.ceil(capacity.submissionBytes / 1024)} KB; the most is ${CAPACITY.submissionBytes / 1024} KB). Lower the character limits of the free-text questions (together ${textLimit.toLocaleString('en-GB')} characters now; about ${Math.floor((CAPACITY.submissionBytes - 2_000) / 3).toLocaleString('en-GB')} at most) or remove some.`,
      'draft.too_large',
    );
  }
  if (capacity.itemsPerSubmit > CAPACITY.itemsPerSubmit || capacity.bytesPerResponse > CAPACITY.bytesPerResponse || capacity.largestPartBytes > CAPACITY.partBytes) {
    const demographics = content.questions.filter((q) => q.type === 'demographic').length;
    error(
      ['questions'],
      `This survey would keep more ward counts than one response can update (${capacity.itemsPerSubmit} records of ${Math.ceil(capacity.bytesPerResponse / 1024).toLocaleString('en-GB')} KB; the most is ${CAPACITY.itemsPerSubmit} records of ${(CAPACITY.bytesPerResponse / 1024).toLocaleString('en-GB')} KB). ${demographics > 0 ? `Each of the ${demographics} equality questions repeats every other question's counts for each of its options, so removing equality questions or options helps most; so do` : 'Use'} fewer questions or options.`,
      'draft.too_many_counters',
    );
  }

  if (!content.questions.some((q) => q.type === 'location')) warn(['questions'], 'Without a "Where do you live?" question, responses cannot be counted by ward.', 'draft.no_location');
  return checks;
}
