import { LOCALE_INFO, LOCALES, markReviewed, type Locale, type SurveyContent, type Text, type TranslatedLocale } from '@wardpulse/domain';
import { useId, useState } from 'react';
import { getAt, setAt, withLocale } from './draft.ts';
import { translationDomId } from './problems.ts';
import { localeName, missingCounts, orderedLocales, outdatedCounts, stateOf, translationGroups } from './translation-strings.ts';
import { Checkbox } from './fields.tsx';

/**
 * Every string of the survey with a box per language, missing ones marked, and those whose English
 * was reworded since marked "Out of date" with a "Mark reviewed" action (editing the translation
 * marks it reviewed too); the survey's languages are chosen here. Urdu boxes run right to left.
 */
export function TranslationsView({ content, readOnly, onChange }: { content: SurveyContent; readOnly: boolean; onChange: (content: SurveyContent) => void }) {
  const id = useId();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const others = orderedLocales(content.locales).filter((l): l is TranslatedLocale => l !== 'en');
  const counts = missingCounts(content);
  const outdated = outdatedCounts(content);
  const groups = translationGroups(content)
    .map((group) => ({ ...group, strings: onlyMissing ? group.strings.filter((s) => others.some((l) => stateOf(content, s, l) !== 'up-to-date')) : group.strings }))
    .filter((group) => group.strings.length > 0);

  const setLocales = (locale: Locale, on: boolean) => {
    const next = on ? [...content.locales, locale] : content.locales.filter((l) => l !== locale);
    onChange({ ...content, locales: orderedLocales(next) });
  };
  const setText = (path: (string | number)[], key: string, locale: TranslatedLocale, value: string) => {
    const text = getAt(content, path) as Text;
    onChange(markReviewed(setAt(content, path, withLocale(text, locale, value, false)), key, locale));
  };
  const countText = (locale: TranslatedLocale) => {
    const parts = [counts[locale] ? `${counts[locale]} missing` : '', outdated[locale] ? `${outdated[locale]} out of date` : ''].filter(Boolean);
    return parts.length ? parts.join(', ') : 'all translated';
  };

  return (
    <section className="sv-translations" aria-labelledby={`${id}-title`} data-testid="translations-view">
      <h2 id={`${id}-title`}>Translations</h2>
      <fieldset className="s-fieldset" disabled={readOnly} id="sv-locales">
        <legend>Languages residents can choose</legend>
        <div className="sv-locale-list">
          {LOCALES.map((locale) => (
            <Checkbox
              key={locale}
              id={`sv-locale-${locale}`}
              label={
                <>
                  {LOCALE_INFO[locale].name}
                  {LOCALE_INFO[locale].nativeName !== LOCALE_INFO[locale].name && (
                    <>
                      {' '}
                      <span lang={locale} dir={LOCALE_INFO[locale].dir}>
                        ({LOCALE_INFO[locale].nativeName})
                      </span>
                    </>
                  )}
                  {locale === 'en' && ' — always offered'}
                </>
              }
              checked={locale === 'en' || content.locales.includes(locale)}
              disabled={locale === 'en'}
              onChange={(on) => locale !== 'en' && setLocales(locale, on)}
            />
          ))}
        </div>
      </fieldset>
      {others.length === 0 ? (
        <p className="s-muted">This survey is in English only. Tick another language to translate it.</p>
      ) : (
        <>
          <ul className="sv-missing-counts" data-testid="missing-counts">
            {others.map((locale) => (
              <li key={locale} className={counts[locale] || outdated[locale] ? 'sv-count-missing' : 'sv-count-done'} data-testid={`translation-count-${locale}`}>
                {localeName(locale)}: {countText(locale)}
              </li>
            ))}
          </ul>
          <Checkbox id={`${id}-only-missing`} label="Show only text with a missing or out-of-date translation" checked={onlyMissing} onChange={setOnlyMissing} />
          {groups.length === 0 && <p className="s-muted">Nothing is missing or out of date.</p>}
          {groups.map((group) => (
            <section key={group.key} className="sv-tr-group" aria-labelledby={`${id}-${group.key}`}>
              <h3 id={`${id}-${group.key}`}>{group.heading}</h3>
              {group.strings.map((string) => {
                const rowId = translationDomId(string.path);
                const anyMissing = others.some((l) => stateOf(content, string, l) !== 'up-to-date');
                return (
                  <div key={rowId} id={rowId} className={`sv-tr-row${anyMissing ? ' sv-tr-row-missing' : ''}`} data-key={string.key}>
                    <p className="sv-tr-source" id={`${rowId}-source`}>
                      <span className="sv-tr-field">{string.field}</span>
                      <span lang="en">{string.text.en}</span>
                    </p>
                    <div className="sv-tr-inputs">
                      {others.map((locale) => {
                        const state = stateOf(content, string, locale);
                        const missing = state === 'missing';
                        const stale = state === 'out-of-date';
                        const inputId = `${rowId}-${locale}`;
                        return (
                          <div key={locale} className={`sv-tr-input${missing || stale ? ' sv-tr-missing' : ''}`} data-state={state}>
                            <label htmlFor={inputId}>
                              {localeName(locale)}
                              {missing && <span className="sv-tag-missing">missing</span>}
                              {stale && <span className="sv-tag-missing sv-tag-outdated">Out of date</span>}
                            </label>
                            {stale && (
                              <p className="s-hint sv-tr-stale" id={`${inputId}-stale`}>
                                The English was reworded after this was translated. Update it, or mark it reviewed if it still says the same.
                              </p>
                            )}
                            <textarea
                              id={inputId}
                              rows={1}
                              className="sv-textarea"
                              lang={locale}
                              dir={LOCALE_INFO[locale].dir}
                              data-missing={missing || stale || undefined}
                              readOnly={readOnly}
                              aria-describedby={stale ? `${rowId}-source ${inputId}-stale` : `${rowId}-source`}
                              value={(string.text as Record<string, string | undefined>)[locale] ?? ''}
                              onChange={(event) => setText(string.path, string.key, locale, event.target.value)}
                            />
                            {stale && !readOnly && (
                              <button
                                type="button"
                                className="sv-button-secondary sv-tr-review"
                                // The visible words come first, so speech users can say what they see.
                                aria-label={`Mark reviewed: ${localeName(locale)}, ${string.field.toLowerCase()} “${string.text.en}”`}
                                onClick={() => {
                                  onChange(markReviewed(content, string.key, locale));
                                  // The button goes once reviewed: keep the officer's place.
                                  document.getElementById(inputId)?.focus();
                                }}
                              >
                                Mark reviewed
                              </button>
                            )}
                          </div>
                        );
                      })}
                    </div>
                  </div>
                );
              })}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
