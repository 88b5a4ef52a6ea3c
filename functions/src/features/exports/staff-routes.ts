import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_CONTENT_TYPES, ExportJobSchema, ExportRequestSchema } from '@wardpulse/domain';
import { exportWithDownload, listExports, openExportFile, requestExport } from './service.ts';
import { contentDisposition } from '../../files/file-store.ts';
import { allow } from '../../api/middleware/auth.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;
const staff = allow('analyst', 'admin', 'officer');
const surveyParams = z.object({ id: z.uuid() });
const jobParams = z.object({ id: z.uuid() });

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
  ...staff,
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
  ...staff,
  request: { params: surveyParams },
  responses: { 200: jsonResponse(z.object({ jobs: z.array(ExportJobSchema) }), 'Jobs.'), 404: errorResponse('No such survey.'), ...staffErrorResponses },
});

const getExportRoute = createRoute({
  method: 'get',
  path: '/exports/{id}',
  tags: ['exports'],
  summary: 'An export job; once it has succeeded, a short-lived download link',
  security,
  ...staff,
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
  ...staff,
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

export const exportRoutes = createRouter()
  .openapi(requestExportRoute, async (c) => {
    const { deps, principal } = c.var;
    const request = c.req.valid('json');
    const job = await requestExport(deps, c.req.valid('param').id, request, principal);
    c.var.log.info('export queued', { exportJob: job.id, kind: request.kind, format: request.format });
    return c.json({ job }, 202);
  })
  .openapi(listExportsRoute, async (c) => c.json({ jobs: await listExports(c.var.deps.repositories, c.req.valid('param').id, c.var.principal) }, 200))
  .openapi(getExportRoute, async (c) => c.json(await exportWithDownload(c.var.deps, c.req.valid('param').id, c.var.principal), 200))
  .openapi(downloadRoute, async (c) => {
    const { job, bytes, stream } = await openExportFile(c.var.deps, c.req.valid('param').id, c.var.principal);
    return c.body(Readable.toWeb(stream) as unknown as ReadableStream, 200, {
      'Content-Type': EXPORT_CONTENT_TYPES[job.request.format],
      'Content-Disposition': contentDisposition(job.fileName),
      'Content-Length': String(bytes),
      // Respondent-level files hold personal data: no cache may keep a copy.
      'Cache-Control': 'no-store',
    }) as never;
  });
