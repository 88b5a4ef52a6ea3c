import type { Option } from '@wardpulse/domain';
import { useState, type FormEvent } from 'react';
import { move, newOption, withLocale, type Path } from './draft.ts';
import { fieldDomId } from './problems.ts';
import { Checkbox } from './fields.tsx';
import { useFocusLater } from '../shared/ui.tsx';

/**
 * The options of a choice or ranking question: add, relabel, reorder with buttons, remove. An
 * option's id is made from its first label when it is added and never changes after, so
 * relabelling it later does not break results or earlier versions.
 */
export function OptionsEditor({
  path,
  options,
  allowExclusive,
  readOnly,
  onChange,
  announce,
}: {
  path: Path;
  options: Option[];
  allowExclusive: boolean;
  readOnly: boolean;
  onChange: (options: Option[]) => void;
  announce: (message: string) => void;
}) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const base = fieldDomId([...path, 'options']);
  const newId = `${base}-new`;
  const name = (option: Option, index: number) => `option ${index + 1}${option.label.en.trim() ? ` “${option.label.en.trim()}”` : ''}`;

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) {
      setError('Enter the text of the new option.');
      return;
    }
    const option = newOption(label, options);
    onChange([...options, option]);
    setLabel('');
    setError(null);
    announce(`Added option ${options.length + 1} “${option.label.en}”.`);
  };

  const shift = (index: number, delta: number) => {
    const target = index + delta;
    const option = options[index];
    if (!option || target < 0 || target >= options.length) {
      announce(delta < 0 ? 'This is already the first option.' : 'This is already the last option.');
      return;
    }
    onChange(move(options, index, delta));
    focusLater(`${base}-${option.id}-${delta < 0 ? 'up' : 'down'}`);
    announce(`Moved “${option.label.en}” to position ${target + 1} of ${options.length}.`);
  };

  const remove = (index: number) => {
    const option = options[index];
    if (!option) return;
    const next = options.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    focusLater(neighbour ? `${base}-${neighbour.id}-remove` : newId);
    announce(`Removed “${option.label.en}”.`);
  };

  return (
    <fieldset className="s-fieldset sv-options" id={base}>
      <legend>Options</legend>
      <p className="s-hint">Each option gets a permanent id from its first wording, used in results and exports. Changing the wording later keeps the id.</p>
      {options.length === 0 ? (
        <p className="s-muted">No options yet.</p>
      ) : (
        <ol className="sv-option-list">
          {options.map((option, index) => {
            const labelPath = [...path, 'options', index, 'label'];
            const inputId = fieldDomId([...labelPath, 'en']);
            const rowId = `${base}-${option.id}`;
            return (
              <li key={option.id} className="sv-option">
                <div className="sv-option-text">
                  <label htmlFor={inputId}>Option {index + 1}</label>
                  <input id={inputId} type="text" lang="en" value={option.label.en} aria-describedby={`${rowId}-id`} onChange={(event) => onChange(options.map((o, i) => (i === index ? { ...o, label: withLocale(o.label, 'en', event.target.value, false)! } : o)))} />
                  <span className="sv-id" id={`${rowId}-id`}>
                    id: <code>{option.id}</code>
                  </span>
                  {allowExclusive && (
                    <Checkbox
                      id={`${rowId}-exclusive`}
                      label="Chosen alone (like “None of these”)"
                      checked={Boolean(option.exclusive)}
                      onChange={(checked) => onChange(options.map((o, i) => (i === index ? withExclusive(o, checked) : o)))}
                    />
                  )}
                </div>
                {!readOnly && (
                  <div className="sv-row-actions">
                    <button type="button" id={`${rowId}-up`} className="sv-button-secondary sv-button-small" aria-disabled={index === 0 ? true : undefined} aria-label={`Move ${name(option, index)} up`} onClick={() => shift(index, -1)}>
                      Up
                    </button>
                    <button
                      type="button"
                      id={`${rowId}-down`}
                      className="sv-button-secondary sv-button-small"
                      aria-disabled={index === options.length - 1 ? true : undefined}
                      aria-label={`Move ${name(option, index)} down`}
                      onClick={() => shift(index, 1)}
                    >
                      Down
                    </button>
                    <button type="button" id={`${rowId}-remove`} className="sv-button-warning sv-button-small" aria-label={`Remove ${name(option, index)}`} onClick={() => remove(index)}>
                      Remove
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && (
        <form className={`sv-add-option${error ? ' s-field-error' : ''}`} onSubmit={add} noValidate>
          <label htmlFor={newId}>New option (English)</label>
          {error && (
            <span className="s-error" id={`${newId}-error`}>
              <span className="s-visually-hidden">Error: </span>
              {error}
            </span>
          )}
          <div className="sv-inline">
            <input
              id={newId}
              type="text"
              lang="en"
              value={label}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${newId}-error` : undefined}
              onChange={(event) => setLabel(event.target.value)}
            />
            <button type="submit" className="sv-button-secondary">
              Add option
            </button>
          </div>
        </form>
      )}
    </fieldset>
  );
}

function withExclusive(option: Option, exclusive: boolean): Option {
  const { exclusive: _previous, ...rest } = option;
  return exclusive ? { ...rest, exclusive: true } : rest;
}
