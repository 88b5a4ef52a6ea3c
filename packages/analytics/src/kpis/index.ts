/**
 * Community message KPIs, pure: disclosure control of message counters, a unit's KPIs and the
 * KPI report over periods (satisfaction, interaction and share rates, change tests,
 * readability against satisfaction). Staff-only, so a subpath (`@wardpulse/analytics/kpis`):
 * the public Lambda, which imports the package root, never loads it.
 */
export * from './disclosure.ts';
export * from './project.ts';
export * from './report.ts';
