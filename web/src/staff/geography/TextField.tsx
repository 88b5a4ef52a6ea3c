import type { ReactNode } from 'react';
import { formatBytes } from './format.ts';
import type { Field, FieldErrors } from './import-model.ts';

/** How the import form labels, describes and marks its fields. */
export interface FieldContext {
  fieldId: (field: Field) => string;
  errors: FieldErrors;
  describedBy: (field: Field, hint?: boolean) => string | undefined;
  fieldError: (field: Field) => ReactNode;
  busy: boolean;
}

/** A one-line text field of the import form, with its hint and error. `short` ones hold a YYYY-MM vintage. */
export function TextField({ context, field, label, hint, value, onChange, short = false }: { context: FieldContext; field: Field; label: string; hint: ReactNode; value: string; onChange: (value: string) => void; short?: boolean }) {
  const { fieldId, errors, describedBy, fieldError, busy } = context;
  return (
    <div className={`s-field${errors[field] ? ' s-field-error' : ''}`}>
      <label htmlFor={fieldId(field)}>{label}</label>
      <span className="s-hint" id={`${fieldId(field)}-hint`}>
        {hint}
      </span>
      {fieldError(field)}
      <input
        id={fieldId(field)}
        name={field}
        {...(short ? { className: 's-input-short', inputMode: 'numeric' as const } : {})}
        autoComplete="off"
        spellCheck={false}
        value={value}
        disabled={busy}
        aria-describedby={describedBy(field)}
        aria-invalid={errors[field] ? true : undefined}
        onChange={(event) => onChange(short ? event.target.value.trim() : event.target.value)}
      />
    </div>
  );
}

/** A file input of the import form, with its hint and error, naming the chosen file and its size. `resetKey` empties it when it changes. */
export function FileField({ context, field, label, hint, accept, file, resetKey, onChange }: { context: FieldContext; field: Field; label: string; hint: ReactNode; accept: string; file: File | null; resetKey: number; onChange: (file: File | null) => void }) {
  const { fieldId, errors, describedBy, fieldError, busy } = context;
  return (
    <div className={`s-field${errors[field] ? ' s-field-error' : ''}`}>
      <label htmlFor={fieldId(field)}>{label}</label>
      <span className="s-hint" id={`${fieldId(field)}-hint`}>
        {hint}
      </span>
      {fieldError(field)}
      <input
        key={resetKey}
        id={fieldId(field)}
        name={field}
        type="file"
        accept={accept}
        aria-describedby={describedBy(field)}
        aria-invalid={errors[field] ? true : undefined}
        disabled={busy}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
      {file && (
        <span className="s-hint">
          {file.name}, {formatBytes(file.size)}
        </span>
      )}
    </div>
  );
}
