/** What both resident apps do with the resident's language: the page's lang and direction, its fonts, and the switch. */
import type { Locale } from '@wardpulse/domain';
import { LOCALE_INFO } from '@wardpulse/domain/constants/locales';
import { useLayoutEffect } from 'react';
import { loadScriptFonts } from './fonts.ts';
import { langTag } from './strings/i18n.ts';

/**
 * Sets `<html lang dir>` for the locale and loads its script's web fonts (Urdu, Punjabi) when needed.
 * Before the first paint (a layout effect): a page that opens in Urdu is drawn right to left from
 * the start, not mirrored a frame later.
 */
export function useDocumentLocale(locale: Locale) {
  useLayoutEffect(() => {
    document.documentElement.lang = langTag(locale);
    document.documentElement.dir = LOCALE_INFO[locale].dir;
    loadScriptFonts(locale);
  }, [locale]);
}

/** The language buttons, each named in its own language; the chosen one is pressed. */
export function LanguageSwitch({ locales, locale, label, onChoose }: { locales: readonly Locale[]; locale: Locale; label: string; onChoose: (locale: Locale) => void }) {
  return (
    <nav className="r-lang" aria-label={label}>
      <ul className="r-lang__list">
        {locales.map((l) => (
          <li key={l}>
            <button type="button" className="r-lang__button" lang={langTag(l)} aria-pressed={l === locale} onClick={() => onChoose(l)}>
              {LOCALE_INFO[l].nativeName}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
