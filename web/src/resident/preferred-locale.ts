import type { Locale } from '@wardpulse/domain';
import { UI_LOCALES } from './strings/surveys.ts';
import { loadLocale } from './storage.ts';

/**
 * The language a resident page opens in, shared by the survey and message apps: the choice saved
 * on this phone, else the browser's first language the pages speak, else English.
 */
export function preferredLocale(): Locale {
  const saved = loadLocale();
  if (saved && UI_LOCALES.includes(saved)) return saved;
  const browser = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find((tag): tag is Locale => (UI_LOCALES as readonly string[]).includes(tag));
  return browser ?? 'en';
}
