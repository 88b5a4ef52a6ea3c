import { DONT_KNOW, DONT_KNOW_LABEL, LOCALE_INFO, localise, SCALES, type Locale, type Question, type SurveyContent, type Text } from '@wardpulse/domain';
import { useId, useState } from 'react';
import { conditionOptions, OPERATOR_LABELS } from './conditions.ts';
import { isMissing, localeName, orderedLocales } from './translation-strings.ts';

export type Selection = number | 'details';

/**
 * A phone-sized (360 px) picture of what a resident sees for the selected question, in a chosen
 * language and its direction. It is a sketch for the officer, not the resident app itself.
 */
export function PhonePreview({ content, selected, locale, onLocale, onSelect }: { content: SurveyContent; selected: Selection; locale: Locale; onLocale: (locale: Locale) => void; onSelect: (selection: Selection) => void }) {
  const id = useId();
  const locales = orderedLocales(content.locales);
  const shown = locales.includes(locale) ? locale : 'en';
  const question = typeof selected === 'number' ? content.questions[selected] : undefined;
  const missing = textsOf(content, selected).some((text) => shown !== 'en' && isMissing(text, shown));
  const step = (delta: number) => {
    const current = typeof selected === 'number' ? selected : -1;
    const next = current + delta;
    onSelect(next < 0 ? 'details' : Math.min(next, content.questions.length - 1));
  };

  return (
    <section className="sv-preview" aria-labelledby={`${id}-title`} data-testid="phone-preview">
      <div className="sv-preview-head">
        <h2 id={`${id}-title`}>Preview</h2>
        <div className="s-field sv-field sv-preview-locale">
          <label htmlFor={`${id}-locale`}>Language</label>
          <select id={`${id}-locale`} value={shown} onChange={(event) => onLocale(event.target.value as Locale)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {LOCALE_INFO[l].name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {question?.showIf && (
        <p className="s-hint sv-preview-note">
          Shown only if question {content.questions.findIndex((q) => q.id === question.showIf?.questionId) + 1 || `“${question.showIf.questionId}”`}: {OPERATOR_LABELS[question.showIf.operator]}
          {question.showIf.optionId ? ` “${optionLabel(content, question.showIf.questionId, question.showIf.optionId)}”` : ''}.
        </p>
      )}
      {missing && <p className="sv-preview-note sv-preview-missing">Some of this text has no {localeName(shown)} translation yet, so residents would see it in English.</p>}
      <div className="sv-phone" lang={shown} dir={LOCALE_INFO[shown].dir} data-testid="phone-frame">
        <div className="sv-phone-bar" aria-hidden="true" />
        <div className="sv-phone-screen">
          {question ? (
            <QuestionPreview key={`${question.id}-${shown}`} question={question} index={selected as number} count={content.questions.length} locale={shown} />
          ) : (
            <>
              <h3 className="sv-phone-title">{localise(content.title, shown)}</h3>
              {content.intro && <p>{localise(content.intro, shown)}</p>}
              {content.thanks && (
                <p className="sv-phone-thanks">
                  <span className="sv-phone-label">{shown === 'en' ? 'After the last question:' : ''}</span> {localise(content.thanks, shown)}
                </p>
              )}
            </>
          )}
        </div>
        <div className="sv-phone-nav">
          <button type="button" className="sv-button-secondary sv-button-small" onClick={() => step(-1)} disabled={selected === 'details'}>
            Back
          </button>
          <button type="button" className="sv-button-small" onClick={() => step(1)} disabled={typeof selected === 'number' && selected >= content.questions.length - 1}>
            {selected === 'details' ? 'Start' : 'Continue'}
          </button>
        </div>
      </div>
    </section>
  );
}

function textsOf(content: SurveyContent, selected: Selection): Text[] {
  if (selected === 'details') return [content.title, ...(content.intro ? [content.intro] : []), ...(content.thanks ? [content.thanks] : [])];
  const question = content.questions[selected];
  if (!question) return [];
  const texts = [question.title, ...(question.help ? [question.help] : [])];
  if ('options' in question) texts.push(...question.options.map((o) => o.label));
  if (question.type === 'scale10') texts.push(question.minLabel, question.maxLabel);
  // Built-in wording (scale points, "Don’t know") is translated by WardPulse, not the officer, and not into every language.
  if (question.type === 'likert') texts.push(...SCALES[question.scale].map((p) => p.label));
  if ('dontKnow' in question && question.dontKnow) texts.push(DONT_KNOW_LABEL);
  return texts;
}

function optionLabel(content: SurveyContent, questionId: string, optionId: string): string {
  const target = content.questions.find((q) => q.id === questionId);
  return (target && conditionOptions(target).find((o) => o.id === optionId)?.label.en) ?? optionId;
}

function QuestionPreview({ question, index, count, locale }: { question: Question; index: number; count: number; locale: Locale }) {
  const id = useId();
  const t = (text: Text | undefined) => localise(text, locale);
  const [ranking, setRanking] = useState<string[]>([]);
  const dontKnow = 'dontKnow' in question && question.dontKnow ? [{ id: DONT_KNOW, label: DONT_KNOW_LABEL }] : [];
  const help = question.help && (
    <p className="sv-phone-help" id={`${id}-help`}>
      {t(question.help)}
    </p>
  );

  const radios = (choices: { id: string; label: Text }[], type: 'radio' | 'checkbox' = 'radio') => (
    <fieldset className="sv-phone-fieldset" aria-describedby={question.help ? `${id}-help` : undefined}>
      <legend className="sv-phone-title">{t(question.title)}</legend>
      {help}
      {choices.map((choice) => (
        <div className="sv-phone-choice" key={choice.id}>
          <input type={type} id={`${id}-${choice.id}`} name={id} />
          <label htmlFor={`${id}-${choice.id}`}>{t(choice.label)}</label>
        </div>
      ))}
    </fieldset>
  );

  let body;
  switch (question.type) {
    case 'single':
    case 'demographic':
      body = radios([...question.options, ...dontKnow]);
      break;
    case 'multiple':
      body = radios(question.options, 'checkbox');
      break;
    case 'likert':
      body = radios([...SCALES[question.scale], ...dontKnow]);
      break;
    case 'scale10':
      body = radios([
        ...Array.from({ length: 11 }, (_, n) => ({ id: String(n), label: { en: n === 0 ? `0 – ${t(question.minLabel)}` : n === 10 ? `10 – ${t(question.maxLabel)}` : String(n) } })),
        ...dontKnow,
      ]);
      break;
    case 'ranking':
      body = (
        <fieldset className="sv-phone-fieldset" aria-describedby={question.help ? `${id}-help` : undefined}>
          <legend className="sv-phone-title">{t(question.title)}</legend>
          {help}
          <ul className="sv-phone-ranking">
            {question.options.map((option) => {
              const position = ranking.indexOf(option.id);
              return (
                <li key={option.id}>
                  <button
                    type="button"
                    className={`sv-phone-rank${position >= 0 ? ' sv-phone-ranked' : ''}`}
                    aria-pressed={position >= 0}
                    onClick={() => setRanking(position >= 0 ? ranking.filter((r) => r !== option.id) : ranking.length < question.pick ? [...ranking, option.id] : ranking)}
                  >
                    <span className="sv-phone-rank-number" aria-hidden="true">
                      {position >= 0 ? position + 1 : ''}
                    </span>
                    {t(option.label)}
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      );
      break;
    case 'text':
      body = (
        <div className="sv-phone-field">
          <label className="sv-phone-title" htmlFor={`${id}-text`}>
            {t(question.title)}
          </label>
          {help}
          {question.multiline ? (
            <textarea id={`${id}-text`} rows={4} maxLength={question.maxLength} aria-describedby={question.help ? `${id}-help` : undefined} />
          ) : (
            <input id={`${id}-text`} type="text" maxLength={question.maxLength} aria-describedby={question.help ? `${id}-help` : undefined} />
          )}
        </div>
      );
      break;
    case 'location':
      body = (
        <div className="sv-phone-field">
          <label className="sv-phone-title" htmlFor={`${id}-postcode`}>
            {t(question.title)}
          </label>
          {help}
          <input id={`${id}-postcode`} type="text" autoComplete="postal-code" dir="ltr" aria-describedby={question.help ? `${id}-help` : undefined} />
        </div>
      );
      break;
    case 'statement':
      body = (
        <>
          <h3 className="sv-phone-title">{t(question.title)}</h3>
          {help}
        </>
      );
      break;
  }

  return (
    <>
      <p className="sv-phone-progress">
        <span dir="ltr">
          {index + 1} / {count}
        </span>
      </p>
      {body}
    </>
  );
}
