/** Labelled form fields for the designer, each with its DOM id derived from the draft path. */
import type { Text } from '@wardpulse/domain';
import type { ReactNode } from 'react';
import { withLocale, type Path } from './draft.ts';
import { fieldDomId } from './problems.ts';

/** The English text of a question, option or survey string. */
export function EnglishField({
  path,
  label,
  hint,
  value,
  optional = false,
  multiline = false,
  onChange,
}: {
  path: Path;
  label: string;
  hint?: string;
  value: Text | undefined;
  optional?: boolean;
  multiline?: boolean;
  onChange: (text: Text | undefined) => void;
}) {
  const id = fieldDomId([...path, 'en']);
  const hintId = hint ? `${id}-hint` : undefined;
  const props = {
    id,
    value: value?.en ?? '',
    'aria-describedby': hintId,
    onChange: (event: { target: { value: string } }) => onChange(withLocale(value, 'en', event.target.value, optional)),
    lang: 'en',
  };
  return (
    <div className="s-field sv-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="s-hint" id={hintId}>
          {hint}
        </span>
      )}
      {multiline ? <textarea {...props} rows={2} className="sv-textarea" /> : <input {...props} type="text" />}
    </div>
  );
}

export function Checkbox({ id, label, hint, checked, disabled, onChange }: { id: string; label: ReactNode; hint?: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="sv-check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="s-hint sv-block" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** A whole-number field that reports `undefined` while empty. */
export function NumberField({
  id,
  label,
  hint,
  value,
  min,
  max,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: number | undefined;
  min: number;
  max: number;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <div className="s-field sv-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="s-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input
        id={id}
        className="s-input-short"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value ?? ''}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Math.trunc(Number(event.target.value)))}
      />
    </div>
  );
}

export function SelectField<T extends string>({
  id,
  label,
  hint,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div className="s-field sv-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="s-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <select id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
