/** A one-line text field in the console's style: label, hint, error message and the ARIA that ties them together. */
export function Field({ id, label, hint, value, error, inputMode, onChange }: { id: string; label: string; hint?: string; value: string; error: string | undefined; inputMode?: 'url'; onChange: (value: string) => void }) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`s-field sv-field${error ? ' s-field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="s-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p className="s-error" id={`${id}-error`}>
          <span className="s-visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input id={id} type="text" inputMode={inputMode} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
