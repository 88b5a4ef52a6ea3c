/**
 * Analysts' exports: respondent-level CSV/XLSX, results CSV/XLSX/GeoJSON, all streamed, made by
 * the export job (`runExportJob`) and used by the API, the job Lambda, the tests and the bench.
 */
export { csvStream } from './csv.ts';
export { xlsxStream } from './xlsx.ts';
export { geojsonStream, type GeoJsonExportInput } from './geojson.ts';
export { respondentColumns, respondentSheets, DICTIONARY_COLUMNS, type RespondentExportInput, type WardName } from './responses.ts';
export { measuresOf, RESULTS_COLUMNS, resultsMetadata, resultsRowCount, resultsSheets, type Measure } from './results.ts';
export { exportFileKey, runExportJob, type ExportRunnerDeps } from './run-export.ts';
export type { Cell, RowCounter, Sheet } from './table.ts';
