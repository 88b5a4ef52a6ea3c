import { LOCALE_INFO, LOCALES, type Locale, type SurveyContent, type Text } from '@wardpulse/domain';
import { useId, useState } from 'react';
import { getAt, isMissing, localeName, missingCounts, orderedLocales, setAt, translationDomId, translationGroups, withLocale } from './draft.ts';
import { Checkbox } from './fields.tsx';

/**
 * Every string of the survey with a box per language, missing ones marked; the survey's
 * languages are chosen here. Urdu boxes run right to left.
 */
export function TranslationsView({ content, readOnly, onChange }: { content: SurveyContent; readOnly: boolean; onChange: (content: SurveyContent) => void }) {
  const id = useId();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const others = orderedLocales(content.locales).filter((l): l is Exclude<Locale, 'en'> => l !== 'en');
  const counts = missingCounts(content);
  const groups = translationGroups(content)
    .map((group) => ({ ...group, strings: onlyMissing ? group.strings.filter((s) => others.some((l) => isMissing(s.text, l))) : group.strings }))
    .filter((group) => group.strings.length > 0);

  const setLocales = (locale: Locale, on: boolean) => {
    const next = on ? [...content.locales, locale] : content.locales.filter((l) => l !== locale);
    onChange({ ...content, locales: orderedLocales(next) });
  };
  const setText = (path: (string | number)[], locale: Locale, value: string) => {
    const text = getAt(content, path) as Text;
    onChange(setAt(content, path, withLocale(text, locale, value, false)));
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
              <li key={locale} className={counts[locale] ? 'sv-count-missing' : 'sv-count-done'}>
                {localeName(locale)}: {counts[locale] ? `${counts[locale]} missing` : 'all translated'}
              </li>
            ))}
          </ul>
          <Checkbox id={`${id}-only-missing`} label="Show only text with a missing translation" checked={onlyMissing} onChange={setOnlyMissing} />
          {groups.length === 0 && <p className="s-muted">Nothing is missing.</p>}
          {groups.map((group) => (
            <section key={group.key} className="sv-tr-group" aria-labelledby={`${id}-${group.key}`}>
              <h3 id={`${id}-${group.key}`}>{group.heading}</h3>
              {group.strings.map((string) => {
                const rowId = translationDomId(string.path);
                const anyMissing = others.some((l) => isMissing(string.text, l));
                return (
                  <div key={rowId} id={rowId} className={`sv-tr-row${anyMissing ? ' sv-tr-row-missing' : ''}`}>
                    <p className="sv-tr-source" id={`${rowId}-source`}>
                      <span className="sv-tr-field">{string.field}</span>
                      <span lang="en">{string.text.en}</span>
                    </p>
                    <div className="sv-tr-inputs">
                      {others.map((locale) => {
                        const missing = isMissing(string.text, locale);
                        const inputId = `${rowId}-${locale}`;
                        return (
                          <div key={locale} className={`sv-tr-input${missing ? ' sv-tr-missing' : ''}`}>
                            <label htmlFor={inputId}>
                              {localeName(locale)}
                              {missing && <span className="sv-tag-missing">missing</span>}
                            </label>
                            <textarea
                              id={inputId}
                              rows={1}
                              className="sv-textarea"
                              lang={locale}
                              dir={LOCALE_INFO[locale].dir}
                              data-missing={missing || undefined}
                              readOnly={readOnly}
                              aria-describedby={`${rowId}-source`}
                              value={(string.text as Record<string, string | undefined>)[locale] ?? ''}
                              onChange={(event) => setText(string.path, locale, event.target.value)}
                            />
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
