import { formatBytes } from './format.ts';
import { TextField, type FieldContext } from './TextField.tsx';

export interface BoundaryFieldsProps extends FieldContext {
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
export function BoundaryFields({ fileInputKey, currentVintage, lookupFile, setLookupFile, districtsText, setDistrictsText, vintage, setVintage, ...context }: BoundaryFieldsProps) {
  const { fieldId, errors, describedBy, fieldError, busy } = context;
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

      <TextField
        context={context}
        field="districts"
        label="The force's districts (optional)"
        hint={`Local authority district codes, separated by commas, e.g. E08000025, E08000028. Only their wards are imported. Leave blank to keep the districts of the live boundaries${currentVintage ? '' : ' (or every district in a file of one force)'}.`}
        value={districtsText}
        onChange={setDistrictsText}
      />
      <TextField
        context={context}
        field="vintage"
        label="Boundary vintage (optional)"
        hint="YYYY-MM, e.g. 2025-05 for the May 2025 wards. Leave blank to take it from the WDyyCD property (May of that year)."
        value={vintage}
        onChange={setVintage}
        short
      />
    </>
  );
}
