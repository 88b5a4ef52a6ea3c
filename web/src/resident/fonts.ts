/**
 * Web fonts for scripts a phone may have no font for, fetched only when a page is in that
 * language: an English page downloads none. The @font-face rules (Fontsource, OFL) carry
 * `unicode-range`, so only the subsets the page's letters need are fetched, with
 * `font-display: swap` so text shows in a fallback font while they load.
 */
import type { Locale } from '@wardpulse/domain';

const loaders: Partial<Record<Locale, () => Promise<unknown>>> = {
  // Nastaliq for reading (Urdu's own style), Naskh for form controls, where Nastaliq's tall
  // letters would be clipped (see resident.css).
  ur: () =>
    Promise.all([
      import('@fontsource/noto-nastaliq-urdu/400.css'),
      import('@fontsource/noto-nastaliq-urdu/700.css'),
      import('@fontsource/noto-naskh-arabic/400.css'),
      import('@fontsource/noto-naskh-arabic/700.css'),
    ]),
  // Punjabi (Gurmukhi) has no Fontsource package available to this project yet: resident.css
  // names the fonts phones ship (Noto Sans Gurmukhi, Raavi) until one is added here.
};

const started = new Set<Locale>();

/** Adds the web fonts a locale's script needs, once; a no-op for scripts every phone has. */
export function loadScriptFonts(locale: Locale): void {
  const load = loaders[locale];
  if (!load || started.has(locale)) return;
  started.add(locale);
  load().catch(() => {
    // The fallback fonts stay in use; a later switch to the language tries again.
    started.delete(locale);
  });
}
