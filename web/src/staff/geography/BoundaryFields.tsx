import { FileField, TextField, type FieldContext } from './TextField.tsx';

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
  return (
    <>
      <FileField
        context={context}
        field="lookupFile"
        label="Ward to district lookup (when the boundaries have no district)"
        hint={`ONS's boundary downloads carry only WDyyCD and WDyyNM. Add the ONS "Ward to Local Authority District (May yyyy) Lookup" CSV of the same May (columns WDyyCD, WDyyNM, LADyyCD, LADyyNM). Not needed when the boundary file has LADyyCD and LADyyNM itself.`}
        accept=".csv,text/csv"
        file={lookupFile}
        resetKey={fileInputKey}
        onChange={setLookupFile}
      />

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
