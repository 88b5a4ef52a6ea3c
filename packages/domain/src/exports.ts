import { z } from 'zod';
import { ResultLevelSchema } from './results.ts';
import type { Role } from './roles.ts';
import { OptionIdSchema, QuestionIdSchema } from './surveys/questions.ts';

/**
 * Analysts' exports: results tables (CSV, XLSX, GeoJSON) and respondent-level files (CSV, XLSX),
 * made by a background job and downloaded from a short-lived link. Every request is audited.
 */

export const ExportFormatSchema = z.enum(['csv', 'xlsx', 'geojson']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** Ward-level (or district, area, force) figures with disclosure control applied. */
export const ResultsExportRequestSchema = z
  .object({
    kind: z.literal('results'),
    format: ExportFormatSchema,
    level: ResultLevelSchema,
    /** Limit the figures to respondents who gave one answer to a demographic question. */
    group: z.object({ questionId: QuestionIdSchema, optionId: OptionIdSchema }).strict().optional(),
  })
  .strict();

/** One row per response: raw answers, for staff analysis only (never for publication). */
export const ResponsesExportRequestSchema = z
  .object({
    kind: z.literal('responses'),
    format: z.enum(['csv', 'xlsx'], { error: 'Responses export as csv or xlsx; GeoJSON is only for results (figures per area on a map).' }),
    /** Replace names, phone numbers, emails and the like in free-text answers. On unless turned off. */
    redactText: z.boolean().default(true),
  })
  .strict();

export const ExportRequestSchema = z.discriminatedUnion('kind', [ResultsExportRequestSchema, ResponsesExportRequestSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'kind must be "results" or "responses".' : undefined),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;
export type ExportRequestInput = z.input<typeof ExportRequestSchema>;
export type ResultsExportRequest = z.infer<typeof ResultsExportRequestSchema>;
export type ResponsesExportRequest = z.infer<typeof ResponsesExportRequestSchema>;

export const ExportStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type ExportStatus = z.infer<typeof ExportStatusSchema>;

export const ExportProgressSchema = z.object({
  rows: z.number().int().min(0),
  /** Known for results (the table is computed first); unknown while responses are streamed. */
  totalRows: z.number().int().min(0).optional(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

export const ExportJobSchema = z
  .object({
    id: z.string().min(1),
    surveyId: z.string().min(1),
    request: ExportRequestSchema,
    status: ExportStatusSchema,
    progress: ExportProgressSchema,
    /** What the download is called, e.g. `your-priorities-results-ward-2026-05-01.csv`. */
    fileName: z.string().min(1).max(255),
    /** Size of the finished file. */
    bytes: z.number().int().min(0).optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    requestedBy: z.string().min(1),
    requestedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'ExportJob' });
export type ExportJob = z.infer<typeof ExportJobSchema>;

/**
 * A running job writes progress every second while rows flow; one silent for this long has died
 * (in AWS, the export Lambda's 15-minute limit) and is reported failed rather than running forever.
 */
export const EXPORT_STALE_AFTER_MS = 20 * 60 * 1000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

/**
 * The download's name: survey link name, what, level or group, and the day it was asked for.
 * @example
 * exportFileName('your-priorities', { kind: 'results', format: 'csv', level: 'ward' }, '2026-05-01T09:00:00Z')
 * // 'your-priorities-results-ward-2026-05-01.csv'
 */
export function exportFileName(slug: string, request: ExportRequest, requestedAt: string): string {
  const what =
    request.kind === 'results'
      ? ['results', request.level, ...(request.group ? [request.group.questionId, request.group.optionId] : [])]
      : ['responses', ...(request.redactText ? [] : ['unredacted'])];
  return `${[slug, ...what, requestedAt.slice(0, 10)].join('-').replace(/_/g, '-')}.${request.format}`;
}

/**
 * Who may ask for, see and download an export like this: results (disclosure-controlled) any staff
 * role; respondent-level rows analysts and administrators only; free text unredacted
 * administrators only.
 */
export function mayExport(roles: readonly Role[], request: ExportRequest): boolean {
  if (request.kind === 'results') return roles.length > 0;
  if (!request.redactText) return roles.includes('admin');
  return roles.includes('admin') || roles.includes('analyst');
}
