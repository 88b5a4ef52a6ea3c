export { messageKpiReport, messageKpiTable, publishedKpiRows, correlation, inPeriod, type KpiMessage, type KpiOptions, type PublishedRow } from './report.ts';
export { kpiSheets, KPI_COLUMNS } from './export.ts';
export { unitKpis } from './project.ts';
