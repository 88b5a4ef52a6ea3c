import type { Locale } from '../constants/locales.ts';
import type { Text } from './i18n.ts';
import type { SurveyContent } from './survey.ts';

/**
 * Whether each translation still matches its English. Every translated string records a short
 * fingerprint of the English it was written (or last reviewed) against, in
 * `content.translatedFrom[locale][key]`; when the English is reworded the fingerprints no longer
 * match and the translation is out of date until someone updates it or marks it reviewed.
 *
 * A translation with no fingerprint (drafts stored before fingerprints existed) counts as up to
 * date: nothing says otherwise, and refusing every old draft would be worse. `trackTranslations`
 * gives such strings the fingerprint of the English they had before an edit, so a rewording made
 * from then on is caught.
 */

export type TranslatedLocale = Exclude<Locale, 'en'>;
export type TranslationState = 'missing' | 'out-of-date' | 'up-to-date';

/** Keys name strings by question and option id, so moving a question keeps its fingerprints. */
export interface SourceString {
  key: string;
  /** Where the text sits in the content, as the draft checks report paths. */
  path: (string | number)[];
  text: Text;
  /** "the survey title", "option 2 of question 3 (“How safe…”)". */
  name: string;
}

type Content = Pick<SurveyContent, 'title' | 'intro' | 'thanks' | 'questions'> & { translatedFrom?: SurveyContent['translatedFrom'] };

/**
 * A short, stable fingerprint of English text (53-bit cyrb53, base 36). Spacing is normalised so
 * a stray space does not send every translation back for review.
 * @example
 * sourceFingerprint('Where do you live?') === sourceFingerprint(' Where do  you live? ') // true
 */
export function sourceFingerprint(english: string): string {
  const text = english.trim().replace(/\s+/g, ' ');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/** Every string of the content that is translated, with its stable key. */
export function sourceStrings(content: Content): SourceString[] {
  const list: SourceString[] = [{ key: 'title', path: ['title'], text: content.title, name: 'the survey title' }];
  if (content.intro) list.push({ key: 'intro', path: ['intro'], text: content.intro, name: 'the introduction' });
  if (content.thanks) list.push({ key: 'thanks', path: ['thanks'], text: content.thanks, name: 'the thank-you message' });
  content.questions.forEach((question, index) => {
    const q = `question ${index + 1} (“${shorten(question.title.en.trim())}”)`;
    const key = (part: string) => `q:${question.id}:${part}`;
    list.push({ key: key('title'), path: ['questions', index, 'title'], text: question.title, name: q.replace(/^q/, 'Q') });
    if (question.help) list.push({ key: key('help'), path: ['questions', index, 'help'], text: question.help, name: `the help text of ${q}` });
    if ('options' in question) {
      question.options.forEach((option, o) => list.push({ key: key(`o:${option.id}`), path: ['questions', index, 'options', o, 'label'], text: option.label, name: `option ${o + 1} (“${shorten(option.label.en)}”) of ${q}` }));
    }
    if (question.type === 'scale10') {
      list.push({ key: key('minLabel'), path: ['questions', index, 'minLabel'], text: question.minLabel, name: `the label for 0 of ${q}` });
      list.push({ key: key('maxLabel'), path: ['questions', index, 'maxLabel'], text: question.maxLabel, name: `the label for 10 of ${q}` });
    }
  });
  return list;
}

const translation = (text: Text, locale: TranslatedLocale) => (text as Record<string, string | undefined>)[locale]?.trim() ?? '';

/** Whether one string's translation into `locale` is missing, out of date or up to date. */
export function translationState(content: Content, string: Pick<SourceString, 'key' | 'text'>, locale: TranslatedLocale): TranslationState {
  if (!translation(string.text, locale)) return 'missing';
  const recorded = content.translatedFrom?.[locale]?.[string.key];
  return recorded === undefined || recorded === sourceFingerprint(string.text.en) ? 'up-to-date' : 'out-of-date';
}

/** The translations whose English has changed since they were written or reviewed. */
export function outdatedTranslations(content: Content, locales: readonly Locale[]): (SourceString & { locale: TranslatedLocale })[] {
  const others = locales.filter((l): l is TranslatedLocale => l !== 'en');
  return sourceStrings(content).flatMap((string) => others.filter((locale) => translationState(content, string, locale) === 'out-of-date').map((locale) => ({ ...string, locale })));
}

/**
 * Records that the translation of `key` into `locale` matches the current English: after an
 * officer edits the translation, or reads it and chooses "Mark reviewed".
 */
export function markReviewed<T extends Content>(content: T, key: string, locale: TranslatedLocale): T {
  const string = sourceStrings(content).find((s) => s.key === key);
  if (!string) return content;
  return { ...content, translatedFrom: { ...content.translatedFrom, [locale]: { ...content.translatedFrom?.[locale], [key]: sourceFingerprint(string.text.en) } } };
}

/**
 * The content after an edit, with fingerprints kept tidy: each translation that has none gets the
 * fingerprint of the English it stood beside *before* the edit (so rewording the English of an
 * old draft marks it out of date), a new string gets its current English, and fingerprints of
 * strings or translations that no longer exist are dropped.
 * @example
 * trackTranslations(content, content) // stamps every translation as up to date
 */
export function trackTranslations<T extends Content>(previous: Content | null, next: T): T {
  const before = new Map(previous ? sourceStrings(previous).map((s) => [s.key, s.text.en]) : []);
  const strings = sourceStrings(next);
  const locales = new Set<TranslatedLocale>();
  for (const string of strings) for (const key of Object.keys(string.text)) if (key !== 'en') locales.add(key as TranslatedLocale);
  const translatedFrom: Partial<Record<TranslatedLocale, Record<string, string>>> = {};
  for (const locale of locales) {
    const recorded = next.translatedFrom?.[locale] ?? {};
    const kept: Record<string, string> = {};
    for (const string of strings) {
      if (!translation(string.text, locale)) continue;
      kept[string.key] = recorded[string.key] ?? previous?.translatedFrom?.[locale]?.[string.key] ?? sourceFingerprint(before.get(string.key) ?? string.text.en);
    }
    if (Object.keys(kept).length > 0) translatedFrom[locale] = kept;
  }
  const { translatedFrom: _dropped, ...rest } = next;
  return (Object.keys(translatedFrom).length > 0 ? { ...rest, translatedFrom } : rest) as T;
}
