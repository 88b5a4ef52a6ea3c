import type { Answer, Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { DONT_KNOW, DONT_KNOW_LABEL, SCALES } from '@wardpulse/domain/constants/scales';
import { Fragment, useId } from 'react';
import { fieldId, QuestionFieldset, type QuestionProps } from './field.tsx';

type RadioQuestion = Extract<Question, { type: 'single' | 'likert' | 'demographic' | 'scale10' }>;
type MultipleQuestion = Extract<Question, { type: 'multiple' }>;

interface Choice {
  id: string;
  label: string;
  /** Shown after an "or" divider: "Don’t know", "Prefer not to say", "None of these". */
  apart: boolean;
}

/** The radios of a one-answer question, in order, with "Don’t know" where the question offers it. */
function radioChoices(question: RadioQuestion, locale: QuestionProps['locale']): Choice[] {
  const dontKnow = (): Choice => ({ id: DONT_KNOW, label: localise(DONT_KNOW_LABEL, locale), apart: true });
  switch (question.type) {
    case 'likert':
      return [...SCALES[question.scale].map((p) => ({ id: p.id, label: localise(p.label, locale), apart: false })), ...(question.dontKnow ? [dontKnow()] : [])];
    case 'scale10':
      return [
        ...Array.from({ length: 11 }, (_, n) => ({
          id: String(n),
          label: n === 0 ? `0 – ${localise(question.minLabel, locale)}` : n === 10 ? `10 – ${localise(question.maxLabel, locale)}` : String(n),
          apart: false,
        })),
        ...(question.dontKnow ? [dontKnow()] : []),
      ];
    case 'single':
      return [...question.options.map((o) => ({ id: o.id, label: localise(o.label, locale), apart: Boolean(o.exclusive) })), ...(question.dontKnow ? [dontKnow()] : [])];
    case 'demographic':
      return question.options.map((o) => ({ id: o.id, label: localise(o.label, locale), apart: Boolean(o.exclusive) }));
  }
}

const selectedRadio = (question: RadioQuestion, answer: Answer | undefined): string | undefined => {
  if (!answer) return undefined;
  if (question.type === 'scale10' && 'value' in answer) return String(answer.value);
  return 'optionId' in answer ? answer.optionId : undefined;
};

const radioAnswer = (question: RadioQuestion, id: string): Answer => (question.type === 'scale10' && id !== DONT_KNOW ? { value: Number(id) } : { optionId: id });

/** The text a choice is shown as on "Check your answers". */
export function radioAnswerLabel(question: RadioQuestion, answer: Answer, locale: QuestionProps['locale']): string | undefined {
  const id = selectedRadio(question, answer);
  return radioChoices(question, locale).find((c) => c.id === id)?.label;
}

function Divider({ text }: { text: string }) {
  return <div className="r-choice-divider">{text}</div>;
}

/** Single choice, Likert (the PAS scale labels), 0–10 and demographic questions: one radio group. */
export function RadioQuestionView({ question, answer, onAnswer, error, locale, t }: QuestionProps<RadioQuestion>) {
  const name = useId();
  const choices = radioChoices(question, locale);
  const selected = selectedRadio(question, answer);
  return (
    <QuestionFieldset question={question} error={error} locale={locale} t={t}>
      <div className={question.type === 'scale10' ? 'r-radios r-radios--scale' : 'r-radios'}>
        {choices.map((choice, index) => {
          const id = index === 0 ? fieldId(question) : `${fieldId(question)}-${choice.id}`;
          return (
            <Fragment key={choice.id}>
              {choice.apart && index > 0 && !choices[index - 1]!.apart && <Divider text={t('or')} />}
              <div className="r-radio">
                <input
                  className="r-radio__input"
                  type="radio"
                  id={id}
                  name={name}
                  value={choice.id}
                  checked={selected === choice.id}
                  aria-invalid={error ? true : undefined}
                  onChange={() => onAnswer(radioAnswer(question, choice.id))}
                />
                <label className="r-radio__label" htmlFor={id}>
                  {choice.label}
                </label>
              </div>
            </Fragment>
          );
        })}
      </div>
    </QuestionFieldset>
  );
}

/** Multiple choice with an optional maximum; an exclusive option ("None of these") clears the rest, and the rest clear it. */
export function MultipleQuestionView({ question, answer, onAnswer, error, locale, t }: QuestionProps<MultipleQuestion>) {
  const chosen = answer && 'optionIds' in answer ? answer.optionIds : [];
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
  const countId = `${fieldId(question)}-count`;
  const toggle = (id: string, checked: boolean) => {
    let next: string[];
    if (!checked) next = chosen.filter((c) => c !== id);
    else if (exclusive.has(id)) next = [id];
    else next = [...chosen.filter((c) => !exclusive.has(c)), id];
    // Keep the options' own order, so the answer does not depend on the order of taps.
    const ordered = question.options.map((o) => o.id).filter((o) => next.includes(o));
    onAnswer(ordered.length > 0 ? { optionIds: ordered } : undefined);
  };
  return (
    <QuestionFieldset question={question} error={error} locale={locale} t={t} extraDescribedBy={question.maxChoices ? [countId] : []}>
      {question.maxChoices !== undefined && (
        <p id={countId} className="r-count" aria-live="polite">
          {t.plural('chosenOfMax', chosen.length, { max: question.maxChoices })}
        </p>
      )}
      <div className="r-checkboxes">
        {question.options.map((option, index) => {
          const id = index === 0 ? fieldId(question) : `${fieldId(question)}-${option.id}`;
          const previous = question.options[index - 1];
          return (
            <Fragment key={option.id}>
              {option.exclusive && previous && !previous.exclusive && <Divider text={t('or')} />}
              <div className="r-checkbox">
                <input
                  className="r-checkbox__input"
                  type="checkbox"
                  id={id}
                  value={option.id}
                  checked={chosen.includes(option.id)}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => toggle(option.id, event.target.checked)}
                />
                <label className="r-checkbox__label" htmlFor={id}>
                  {localise(option.label, locale)}
                </label>
              </div>
            </Fragment>
          );
        })}
      </div>
    </QuestionFieldset>
  );
}
