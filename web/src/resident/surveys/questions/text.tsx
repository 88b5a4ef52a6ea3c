import type { Question } from '@wardpulse/domain';
import { useEffect, useState } from 'react';
import { describedBy, ErrorMessage, fieldId, Hint, QuestionTitle, type QuestionProps } from './field.tsx';

type TextQuestion = Extract<Question, { type: 'text' }>;

/** Free text with a GOV.UK-style character count (announced to screen readers once typing pauses). */
export function TextQuestionView({ question, answer, onAnswer, error, locale, t }: QuestionProps<TextQuestion>) {
  const text = answer && 'text' in answer ? answer.text : '';
  const left = question.maxLength - text.length;
  const count = left >= 0 ? t.plural('charsLeft', left) : t.plural('charsOver', -left);
  const [spoken, setSpoken] = useState(count);
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(count), 1000);
    return () => clearTimeout(timer);
  }, [count]);

  const countId = `${fieldId(question)}-count`;
  const props = {
    id: fieldId(question),
    className: `${question.multiline ? 'r-textarea' : 'r-input'}${error ? ' r-input--error' : ''}`,
    value: text,
    autoComplete: 'off',
    spellCheck: true,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(question, error, countId),
    onChange: (event: { target: { value: string } }) => onAnswer(event.target.value === '' ? undefined : { text: event.target.value }),
  };
  return (
    <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
      <h1 className="r-label-wrapper">
        <label className="r-question-title" htmlFor={fieldId(question)}>
          <QuestionTitle question={question} locale={locale} t={t} />
        </label>
      </h1>
      <Hint question={question} locale={locale} />
      <ErrorMessage question={question} error={error} t={t} />
      {question.multiline ? <textarea rows={6} {...props} /> : <input type="text" {...props} />}
      <p id={countId} className={left < 0 ? 'r-count r-count--over' : 'r-count'} aria-hidden="true">
        {count}
      </p>
      <p className="r-visually-hidden" aria-live="polite">
        {spoken === count && text.length > 0 ? spoken : ''}
      </p>
    </div>
  );
}
