import type { CoachingNote } from '@wardpulse/domain';
import { useMemo, useRef } from 'react';
import { applySuggestion, KIND_LABELS, noteDetail, segments } from './coaching.ts';

/**
 * One part of the message with its coaching. The text box sits over a mirror of its own text
 * (same font, padding and wrapping, in a shared grid cell) in which the coached stretches are
 * marked, so highlights line up with the words without any inline style. The mirror is hidden
 * from assistive technology; the list of notes under the box, linked to it, says the same thing.
 */
export function CoachedField({
  id,
  label,
  hint,
  value,
  notes: allNotes,
  maxLength,
  readOnly,
  multiline = true,
  invalid,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  notes: CoachingNote[];
  maxLength: number;
  readOnly: boolean;
  multiline?: boolean;
  invalid?: boolean;
  onChange: (value: string) => void;
}) {
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  // An empty part is listed under "Still to write" beside the score; the box itself is not an error until a save or send says so.
  const notes = useMemo(() => allNotes.filter((note) => note.kind !== 'missing_part'), [allNotes]);
  const marked = useMemo(() => segments(value, notes), [value, notes]);
  const summaryId = `${id}-coaching`;
  const describedBy = [hint ? `${id}-hint` : '', summaryId].filter(Boolean).join(' ');
  const errors = notes.filter((note) => note.severity === 'error');

  const show = (note: CoachingNote) => {
    const element = field.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(note.start, Math.max(note.start, note.end));
  };

  const use = (note: CoachingNote) => {
    const next = applySuggestion(value, note, value.slice(note.start, note.end));
    if (next === null) return;
    onChange(next);
    const caret = note.start + (note.suggestion?.length ?? 0);
    requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(caret, caret);
    });
  };

  const summary =
    notes.length === 0 ? (value.trim() ? 'No suggestions for this part.' : '') : `${notes.length === 1 ? '1 suggestion' : `${notes.length} suggestions`} for this part, listed below the box.`;

  return (
    <div className={`s-field sv-field ms-field${invalid || errors.length > 0 ? ' ms-field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="s-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {multiline ? (
        <div className="ms-coached">
          <div className="ms-mirror" aria-hidden="true">
            {marked.map((segment, index) =>
              segment.kinds.length > 0 ? (
                <mark key={index} className={segment.kinds.map((kind) => `ms-hl ms-hl--${kind}`).join(' ')}>
                  {segment.text}
                </mark>
              ) : (
                <span key={index}>{segment.text}</span>
              ),
            )}
            {'\u200b'}
          </div>
          <textarea
            id={id}
            ref={field}
            className="ms-textarea"
            value={value}
            rows={4}
            readOnly={readOnly}
            spellCheck
            lang="en-GB"
            aria-invalid={invalid || errors.length > 0 ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      ) : (
        <input
          id={id}
          ref={field}
          type="text"
          value={value}
          readOnly={readOnly}
          spellCheck
          lang="en-GB"
          aria-invalid={invalid || errors.length > 0 ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <span className={`ms-count${value.trim().length > maxLength ? ' ms-count--over' : ''}`}>
        {value.trim().length.toLocaleString('en-GB')} of {maxLength.toLocaleString('en-GB')} characters
      </span>
      <p className="ms-note-summary" id={summaryId}>
        {summary}
      </p>
      {notes.length > 0 && (
        <ul className="ms-notes" aria-label={`Suggestions for “${label}”`} data-testid={`notes-${id}`}>
          {notes.map((note, index) => {
            const quoted = value.slice(note.start, note.end);
            const canUse = !readOnly && note.suggestion !== undefined && note.end > note.start;
            return (
              <li key={`${note.kind}-${note.start}-${note.end}-${index}`} className={`ms-note ms-note--${note.severity}`}>
                <span className={`ms-note-kind ms-note-kind--${note.kind}`}>{KIND_LABELS[note.kind]}</span> <span>{noteDetail(note, quoted)}</span>
                <span className="ms-note-actions">
                  {note.end > note.start && (
                    <button type="button" className="sv-link-like" onClick={() => show(note)}>
                      Show<span className="s-visually-hidden"> “{quoted.slice(0, 40)}” in the text</span>
                    </button>
                  )}
                  {canUse && (
                    <button type="button" className="sv-link-like" onClick={() => use(note)}>
                      Use “{note.suggestion}”<span className="s-visually-hidden"> instead of “{quoted}”</span>
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
