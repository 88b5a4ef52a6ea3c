import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_STALE_AFTER_MS,
  ExportJobSchema,
  ExportRequestSchema,
  exportFileName,
  NotFoundError,
  ValidationError,
  type ExportJob,
  type ExportRequest,
  type SurveyVersion,
} from '@wardpulse/domain';
import { exportFileKey } from './file-key.ts';
import { contentDisposition } from '../../files/file-store.ts';
import { requireRole } from '../../api/middleware/auth.ts';
import type { AppDeps } from '../../api/context.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;
const staff = [requireRole('analyst', 'admin', 'officer')];
const surveyParams = z.object({ id: z.uuid() });
const jobParams = z.object({ id: z.uuid() });

/** Recent jobs listed per survey. */
const RECENT_JOBS = 20;

const DownloadSchema = z
  .object({
    url: z.string(),
    expiresAt: z.string(),
    /** True for the local server's link, which needs the staff bearer token; a pre-signed S3 link must not carry it. */
    withAuthorization: z.boolean(),
  })
  .meta({ id: 'ExportDownload' });

const requestExportRoute = createRoute({
  method: 'post',
  path: '/surveys/{id}/exports',
  tags: ['exports'],
  summary: 'Ask for an export of results (CSV, XLSX, GeoJSON) or responses (CSV, XLSX); audited',
  description:
    'Queues a background job and answers 202 with it; poll `GET /exports/{id}` until `status` is `succeeded`, then fetch `download.url`. Results exports apply disclosure control; responses exports redact free text unless `redactText` is false.',
  security,
  middleware: staff,
  request: { params: surveyParams, ...jsonBody(ExportRequestSchema.meta({ id: 'ExportRequest' })) },
  responses: {
    202: jsonResponse(z.object({ job: ExportJobSchema }), 'Queued.'),
    404: errorResponse('No such survey.'),
    422: errorResponse('A field of the request is not valid (named in `issues`), or the survey has nothing to export.'),
    503: errorResponse('The export could not be started; try again.'),
    ...staffErrorResponses,
  },
});

const listExportsRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/exports',
  tags: ['exports'],
  summary: "A survey's recent exports, newest first",
  security,
  middleware: staff,
  request: { params: surveyParams },
  responses: { 200: jsonResponse(z.object({ jobs: z.array(ExportJobSchema) }), 'Jobs.'), ...staffErrorResponses },
});

const getExportRoute = createRoute({
  method: 'get',
  path: '/exports/{id}',
  tags: ['exports'],
  summary: 'An export job; once it has succeeded, a short-lived download link',
  security,
  middleware: staff,
  request: { params: jobParams },
  responses: {
    200: jsonResponse(z.object({ job: ExportJobSchema, download: DownloadSchema.optional() }), 'The job (and `download` when the file is ready).'),
    404: errorResponse('No such export.'),
    ...staffErrorResponses,
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/exports/{id}/file',
  tags: ['exports'],
  summary: 'The export file, from the local server (in AWS the download link is a pre-signed S3 URL)',
  security,
  middleware: staff,
  request: { params: jobParams },
  responses: {
    200: {
      description: 'The file, as an attachment.',
      content: Object.fromEntries(Object.values(EXPORT_CONTENT_TYPES).map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
    },
    404: errorResponse('No such export, not finished, expired, or downloads come from S3 here.'),
    ...staffErrorResponses,
  },
});

/** Checks what can be checked before queueing, so a bad request fails now with the field named, not later in the job. */
async function checkRequest(deps: AppDeps, versions: readonly SurveyVersion[], request: ExportRequest): Promise<void> {
  if (versions.length === 0) throw new ValidationError('This survey has not been published, so there is nothing to export yet.', [{ path: ['param', 'id'], message: 'The survey has no published version.' }], 'export.unpublished');
  if (request.kind !== 'results') return;
  if (request.group) {
    const { questionId, optionId } = request.group;
    const questions = versions.flatMap((v) => v.content.questions).filter((q) => q.id === questionId);
    if (!questions.some((q) => q.type === 'demographic')) {
      throw new ValidationError(`“${questionId}” is not an equality-monitoring question of this survey.`, [{ path: ['json', 'group', 'questionId'], message: `No demographic question ${questionId}.` }], 'export.unknown_group');
    }
    if (!questions.some((q) => q.type === 'demographic' && q.options.some((o) => o.id === optionId))) {
      throw new ValidationError(`“${optionId}” is not an answer to ${questionId}.`, [{ path: ['json', 'group', 'optionId'], message: `No option ${optionId} in ${questionId}.` }], 'export.unknown_group');
    }
  }
  if (request.format === 'geojson') {
    const vintage = await deps.repositories.geography.currentVintage();
    if (!vintage || !(await deps.repositories.geography.getBoundarySet(vintage))) {
      throw new ValidationError('No ward boundaries have been imported, so there is no map to join figures to; export CSV or XLSX.', [{ path: ['json', 'format'], message: 'GeoJSON needs imported ward boundaries.' }], 'export.no_boundaries');
    }
  }
}

/**
 * A job still `running` long after its last progress died with its process (a Lambda timeout
 * leaves no chance to record it): record it failed, so nobody waits on it for ever.
 */
async function settle(deps: AppDeps, job: ExportJob): Promise<ExportJob> {
  if (job.status !== 'running' || Date.now() - Date.parse(job.updatedAt) < EXPORT_STALE_AFTER_MS) return job;
  if (!(await deps.repositories.exports.transition(job.id, 'running', 'failed'))) return (await deps.repositories.exports.get(job.id)) ?? job;
  const error = { code: 'export.timed_out', message: `The export stopped after ${job.progress.rows} rows without finishing (it ran out of time); no file was kept. Try again, or export a smaller part.` };
  await deps.repositories.exports.finish(job.id, { status: 'failed', error }, job.progress);
  return (await deps.repositories.exports.get(job.id)) ?? job;
}

async function getJob(deps: AppDeps, id: string): Promise<ExportJob> {
  const job = await deps.repositories.exports.get(id);
  if (!job) throw new NotFoundError('No export with that id.', 'export.not_found');
  return settle(deps, job);
}

export const exportRoutes = createRouter()
  .openapi(requestExportRoute, async (c) => {
    const { deps, principal } = c.var;
    const { id: surveyId } = c.req.valid('param');
    const request = c.req.valid('json');
    const survey = await deps.repositories.surveys.get(surveyId);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    await checkRequest(deps, await deps.repositories.surveys.listVersions(surveyId), request);

    const now = new Date().toISOString();
    const job: ExportJob = {
      id: randomUUID(),
      surveyId,
      request,
      status: 'queued',
      progress: { rows: 0 },
      fileName: exportFileName(survey.slug, request, now),
      requestedBy: principal.username,
      requestedAt: now,
      updatedAt: now,
    };
    await deps.repositories.exports.create(job);
    try {
      await deps.jobs.dispatch({ type: 'export', id: job.id });
    } catch (error) {
      // Never leave a job queued that nothing will run: record why, then tell the caller.
      await deps.repositories.exports.finish(job.id, { status: 'failed', error: { code: 'export.not_started', message: 'The export could not be started; ask for it again.' } }, job.progress);
      throw error;
    }
    c.var.log.info('export queued', { exportJob: job.id, kind: request.kind, format: request.format });
    return c.json({ job: (await deps.repositories.exports.get(job.id)) ?? job }, 202);
  })
  .openapi(listExportsRoute, async (c) => {
    const { deps } = c.var;
    const jobs = await deps.repositories.exports.listForSurvey(c.req.valid('param').id, RECENT_JOBS);
    return c.json({ jobs: await Promise.all(jobs.map((job) => settle(deps, job))) }, 200);
  })
  .openapi(getExportRoute, async (c) => {
    const { deps } = c.var;
    const job = await getJob(deps, c.req.valid('param').id);
    if (job.status !== 'succeeded') return c.json({ job }, 200);
    // The file expires (S3 lifecycle) before the job record does: offer a link only while it exists.
    const key = exportFileKey(job.id);
    if (!(await deps.files.stat(key))) return c.json({ job }, 200);
    const download = await deps.files.downloadTarget(key, { fileName: job.fileName, contentType: EXPORT_CONTENT_TYPES[job.request.format] });
    return c.json({ job, download }, 200);
  })
  .openapi(downloadRoute, async (c) => {
    const { deps } = c.var;
    const job = await getJob(deps, c.req.valid('param').id);
    const key = exportFileKey(job.id);
    const stat = deps.files.servesDownloads && job.status === 'succeeded' ? await deps.files.stat(key) : null;
    if (!stat) throw new NotFoundError('This export has no file here: it has not finished, has expired, or is downloaded from its pre-signed link.', 'export.no_file');
    const stream = Readable.toWeb(await deps.files.open(key)) as WebReadableStream<Uint8Array>;
    return c.body(stream as unknown as ReadableStream, 200, {
      'Content-Type': EXPORT_CONTENT_TYPES[job.request.format],
      'Content-Disposition': contentDisposition(job.fileName),
      'Content-Length': String(stat.bytes),
      // Respondent-level files hold personal data: no cache may keep a copy.
      'Cache-Control': 'no-store',
    }) as never;
  });
