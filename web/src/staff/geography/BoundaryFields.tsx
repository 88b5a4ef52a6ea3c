import type { ReactNode } from 'react';
import { formatBytes } from './format.ts';
import type { Field, FieldErrors } from './import-model.ts';

export interface BoundaryFieldsProps {
  fieldId: (field: Field) => string;
  errors: FieldErrors;
  describedBy: (field: Field, hint?: boolean) => string | undefined;
  fieldError: (field: Field) => ReactNode;
  busy: boolean;
  /** Changes when the form is reset, so the file input is emptied. */
  fileInputKey: number;
  currentVintage: string | null;
  lookupFile: File | null;
  setLookupFile: (file: File | null) => void;
  districtsText: string;
  setDistrictsText: (text: string) => void;
  vintage: string;
  setVintage: (vintage: string) => void;
}

/** What a boundary import needs beside the file: the ONS ward to district lookup, the force's districts, the vintage. */
export function BoundaryFields({ fieldId, errors, describedBy, fieldError, busy, fileInputKey, currentVintage, lookupFile, setLookupFile, districtsText, setDistrictsText, vintage, setVintage }: BoundaryFieldsProps) {
  return (
    <>
      <div className={`s-field${errors.lookupFile ? ' s-field-error' : ''}`}>
        <label htmlFor={fieldId('lookupFile')}>Ward to district lookup (when the boundaries have no district)</label>
        <span className="s-hint" id={`${fieldId('lookupFile')}-hint`}>
          ONS&apos;s boundary downloads carry only WDyyCD and WDyyNM. Add the ONS &quot;Ward to Local Authority District (May yyyy) Lookup&quot; CSV of the same May (columns WDyyCD, WDyyNM, LADyyCD, LADyyNM). Not needed when the boundary file has LADyyCD and LADyyNM itself.
        </span>
        {fieldError('lookupFile')}
        <input
          key={fileInputKey}
          id={fieldId('lookupFile')}
          name="lookupFile"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={describedBy('lookupFile')}
          aria-invalid={errors.lookupFile ? true : undefined}
          disabled={busy}
          onChange={(event) => setLookupFile(event.target.files?.[0] ?? null)}
        />
        {lookupFile && (
          <span className="s-hint">
            {lookupFile.name}, {formatBytes(lookupFile.size)}
          </span>
        )}
      </div>

      <div className={`s-field${errors.districts ? ' s-field-error' : ''}`}>
        <label htmlFor={fieldId('districts')}>The force&apos;s districts (optional)</label>
        <span className="s-hint" id={`${fieldId('districts')}-hint`}>
          Local authority district codes, separated by commas, e.g. E08000025, E08000028. Only their wards are imported. Leave blank to keep the districts of the live boundaries{currentVintage ? '' : ' (or every district in a file of one force)'}.
        </span>
        {fieldError('districts')}
        <input
          id={fieldId('districts')}
          name="districts"
          autoComplete="off"
          spellCheck={false}
          value={districtsText}
          disabled={busy}
          aria-describedby={describedBy('districts')}
          aria-invalid={errors.districts ? true : undefined}
          onChange={(event) => setDistrictsText(event.target.value)}
        />
      </div>

      <div className={`s-field${errors.vintage ? ' s-field-error' : ''}`}>
        <label htmlFor={fieldId('vintage')}>Boundary vintage (optional)</label>
        <span className="s-hint" id={`${fieldId('vintage')}-hint`}>
          YYYY-MM, e.g. 2025-05 for the May 2025 wards. Leave blank to take it from the WDyyCD property (May of that year).
        </span>
        {fieldError('vintage')}
        <input
          id={fieldId('vintage')}
          name="vintage"
          className="s-input-short"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={vintage}
          disabled={busy}
          aria-describedby={describedBy('vintage')}
          aria-invalid={errors.vintage ? true : undefined}
          onChange={(event) => setVintage(event.target.value.trim())}
        />
      </div>
    </>
  );
}
