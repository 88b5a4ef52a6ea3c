import type { Question } from '@wardpulse/domain';
import { useState, type FormEvent } from 'react';
import { newQuestion, QUESTION_TYPES } from './draft.ts';

/** Adds a question of a chosen type at the end; its id comes from the English wording given here. */
export function AddQuestion({ questions, onAdd }: { questions: readonly Question[]; onAdd: (question: Question) => void }) {
  const [type, setType] = useState<Question['type']>('single');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError('Enter the question, in English.');
      return;
    }
    setError(null);
    setTitle('');
    onAdd(newQuestion(type, title, questions));
  };
  const hint = QUESTION_TYPES.find((t) => t.type === type)?.hint;
  return (
    <form className="sv-add-question" onSubmit={submit} noValidate id="sv-questions" aria-labelledby="sv-add-question-title">
      <h3 id="sv-add-question-title">Add a question</h3>
      <div className="s-field sv-field">
        <label htmlFor="sv-add-type">Question type</label>
        <select id="sv-add-type" value={type} onChange={(event) => setType(event.target.value as Question['type'])} aria-describedby="sv-add-type-hint">
          {QUESTION_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
        <span className="s-hint" id="sv-add-type-hint">
          {hint}
        </span>
      </div>
      <div className={`s-field sv-field${error ? ' s-field-error' : ''}`}>
        <label htmlFor="sv-add-title">New question (English)</label>
        {error && (
          <span className="s-error" id="sv-add-title-error">
            <span className="s-visually-hidden">Error: </span>
            {error}
          </span>
        )}
        <input id="sv-add-title" type="text" lang="en" value={title} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sv-add-title-error' : undefined} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <button type="submit" className="sv-button-secondary">
        Add question
      </button>
    </form>
  );
}
