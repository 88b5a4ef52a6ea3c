import { z } from 'zod';

/** Locales the product ships translations for; English is the default and always present. */
export const LocaleSchema = z.enum(['en', 'ur', 'pl', 'pa', 'cy']);
export type Locale = z.infer<typeof LocaleSchema>;

export const LOCALE_INFO: Record<Locale, { name: string; nativeName: string; dir: 'ltr' | 'rtl' }> = {
  en: { name: 'English', nativeName: 'English', dir: 'ltr' },
  ur: { name: 'Urdu', nativeName: 'اردو', dir: 'rtl' },
  pl: { name: 'Polish', nativeName: 'Polski', dir: 'ltr' },
  pa: { name: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ', dir: 'ltr' },
  cy: { name: 'Welsh', nativeName: 'Cymraeg', dir: 'ltr' },
};

/** A string in every locale the survey offers; `en` is required. */
export const TextSchema = z
  .object({ en: z.string().trim().min(1, 'Enter the English text.').max(2_000) })
  .catchall(z.string().max(2_000))
  .refine((text) => Object.keys(text).every((key) => LocaleSchema.safeParse(key).success), 'Unknown locale key.');
export type Text = z.infer<typeof TextSchema>;

/** Picks the text for a locale, falling back to English. */
export function localise(text: Text | undefined, locale: Locale): string {
  if (!text) return '';
  return (text as Record<string, string | undefined>)[locale]?.trim() || text.en;
}
