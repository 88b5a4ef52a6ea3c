export { kpiSheets, KPI_COLUMNS } from './export.ts';
