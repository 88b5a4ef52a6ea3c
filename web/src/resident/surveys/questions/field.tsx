import type { Answer, Locale, Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import type { ReactNode } from 'react';
import type { Translate } from '../../strings/surveys.ts';

/** What every question page component gets. */
export interface QuestionProps<Q extends Question = Question> {
  question: Q;
  answer: Answer | undefined;
  onAnswer(answer: Answer | undefined): void;
  /** The inline error, if Continue found a problem. */
  error: string | undefined;
  locale: Locale;
  t: Translate;
}

/** The id of a question's first control: the error summary links here. */
export const fieldId = (question: Pick<Question, 'id'>) => `q-${question.id}`;
export const hintId = (question: Pick<Question, 'id'>) => `q-${question.id}-hint`;
export const errorId = (question: Pick<Question, 'id'>) => `q-${question.id}-error`;

/** `aria-describedby` for a question's controls: its hint and error, when present. */
export function describedBy(question: Question, error: string | undefined, ...extra: string[]): string | undefined {
  const ids = [question.help ? hintId(question) : '', error ? errorId(question) : '', ...extra].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The question's wording, with "(optional)" where it is. */
export function QuestionTitle({ question, locale, t }: { question: Question; locale: Locale; t: Translate }) {
  return (
    <>
      {localise(question.title, locale)}
      {!question.required && question.type !== 'statement' && <span className="r-optional"> {t('optional')}</span>}
    </>
  );
}

export function Hint({ question, locale }: { question: Question; locale: Locale }) {
  if (!question.help) return null;
  return (
    <div id={hintId(question)} className="r-hint">
      {localise(question.help, locale)}
    </div>
  );
}

export function ErrorMessage({ question, error, t }: { question: Question; error: string | undefined; t: Translate }) {
  if (!error) return null;
  return (
    <p id={errorId(question)} className="r-error-message" dir="auto">
      <span className="r-visually-hidden">{t('errorPrefix')} </span>
      {error}
    </p>
  );
}

/** A group of controls answering one question: the fieldset's legend is the page heading. */
export function QuestionFieldset({ question, error, locale, t, children, extraDescribedBy = [] }: { question: Question; error: string | undefined; locale: Locale; t: Translate; children: ReactNode; extraDescribedBy?: string[] }) {
  return (
    <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
      <fieldset className="r-fieldset" aria-describedby={describedBy(question, error, ...extraDescribedBy)}>
        <legend className="r-legend">
          <h1 className="r-question-title">
            <QuestionTitle question={question} locale={locale} t={t} />
          </h1>
        </legend>
        <Hint question={question} locale={locale} />
        <ErrorMessage question={question} error={error} t={t} />
        {children}
      </fieldset>
    </div>
  );
}
