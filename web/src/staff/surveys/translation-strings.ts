/** Every string an officer writes, grouped for the translations view, and what is missing or out of date in each language. */
import { LOCALE_INFO, LOCALES, sourceStrings, translationState, type Locale, type SurveyContent, type Text, type TranslatedLocale, type TranslationState } from '@wardpulse/domain';
import type { Path } from './draft.ts';

export interface TranslatableString {
  /** Where the text sits in the draft, e.g. `['questions', 2, 'options', 0, 'label']`. */
  path: Path;
  /** Which part of the question, e.g. "Option 1". */
  field: string;
  text: Text;
  /** The string's fingerprint key (by question and option id), for "Mark reviewed". */
  key: string;
}

export interface TranslationGroup {
  key: string;
  heading: string;
  strings: TranslatableString[];
}

/** Every string an officer writes, grouped as the translations view shows them. */
export function translationGroups(content: SurveyContent): TranslationGroup[] {
  const keys = new Map(sourceStrings(content).map((s) => [s.path.join('.'), s.key]));
  const survey: Omit<TranslatableString, 'key'>[] = [{ path: ['title'], field: 'Survey title', text: content.title }];
  if (content.intro) survey.push({ path: ['intro'], field: 'Introduction', text: content.intro });
  if (content.thanks) survey.push({ path: ['thanks'], field: 'Thank-you message', text: content.thanks });
  const groups: { key: string; heading: string; strings: Omit<TranslatableString, 'key'>[] }[] = [{ key: 'survey', heading: 'Survey', strings: survey }];
  content.questions.forEach((question, index) => {
    const at = (...rest: Path): Path => ['questions', index, ...rest];
    const strings: Omit<TranslatableString, 'key'>[] = [{ path: at('title'), field: 'Question', text: question.title }];
    if (question.help) strings.push({ path: at('help'), field: 'Help text', text: question.help });
    if ('options' in question) question.options.forEach((option, o) => strings.push({ path: at('options', o, 'label'), field: `Option ${o + 1}`, text: option.label }));
    if (question.type === 'scale10') strings.push({ path: at('minLabel'), field: 'Label for 0', text: question.minLabel }, { path: at('maxLabel'), field: 'Label for 10', text: question.maxLabel });
    groups.push({ key: question.id, heading: `Question ${index + 1}: ${question.title.en || '(no English text yet)'}`, strings });
  });
  return groups.map((group) => ({ ...group, strings: group.strings.map((string) => ({ ...string, key: keys.get(string.path.join('.')) ?? string.path.join('.') })) }));
}

export const isMissing = (text: Text, locale: Locale) => !(text as Record<string, string | undefined>)[locale]?.trim();

/** How many strings lack each of the survey's other languages. */
export function missingCounts(content: SurveyContent): Partial<Record<Locale, number>> {
  const strings = translationGroups(content).flatMap((g) => g.strings);
  return Object.fromEntries(content.locales.filter((l) => l !== 'en').map((locale) => [locale, strings.filter((s) => isMissing(s.text, locale)).length]));
}

/** Whether one string's translation is missing, out of date (English reworded since) or up to date. */
export const stateOf = (content: SurveyContent, string: Pick<TranslatableString, 'key' | 'text'>, locale: TranslatedLocale): TranslationState => translationState(content, string, locale);

/** How many translations into each of the survey's other languages are out of date. */
export function outdatedCounts(content: SurveyContent): Partial<Record<Locale, number>> {
  const strings = translationGroups(content).flatMap((g) => g.strings);
  return Object.fromEntries(
    content.locales.filter((l): l is TranslatedLocale => l !== 'en').map((locale) => [locale, strings.filter((s) => translationState(content, s, locale) === 'out-of-date').length]),
  );
}

/** The survey's languages, English first, in the product's order. */
export function orderedLocales(locales: readonly Locale[]): Locale[] {
  return LOCALES.filter((l) => l === 'en' || locales.includes(l));
}

export const localeName = (locale: Locale) => LOCALE_INFO[locale].name;
