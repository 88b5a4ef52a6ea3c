/**
 * Locales and `localise`. A constants module: no zod in its import graph, so the resident bundle
 * imports it (`@wardpulse/domain/constants/locales`) without downloading the schema library.
 */

/** Locales the product ships translations for; English is the default and always present. */
export const LOCALES = ['en', 'ur', 'pl', 'pa', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_INFO: Record<Locale, { name: string; nativeName: string; dir: 'ltr' | 'rtl' }> = {
  en: { name: 'English', nativeName: 'English', dir: 'ltr' },
  ur: { name: 'Urdu', nativeName: 'اردو', dir: 'rtl' },
  pl: { name: 'Polish', nativeName: 'Polski', dir: 'ltr' },
  pa: { name: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ', dir: 'ltr' },
  cy: { name: 'Welsh', nativeName: 'Cymraeg', dir: 'ltr' },
};

/** Any per-locale string map: a survey `Text`, or the `title` record the open-surveys list returns. */
export type LocalisedText = { readonly [locale: string]: string | undefined };

/** Picks the text for a locale, falling back to English. */
export function localise(text: LocalisedText | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale]?.trim() || text.en || '';
}
