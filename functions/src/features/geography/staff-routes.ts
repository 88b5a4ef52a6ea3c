import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { AreaSchema, BoundarySetSchema, ConflictError, DistrictSchema, ImportJobSchema, ImportKindSchema, ImportOptionsSchema, NotFoundError, ValidationError, VintageSchema, WardSchema, type ImportJob } from '@wardpulse/domain';
import { previewAreas } from './import/areas.ts';
import { importFileKey } from './run-import.ts';
import { requireRole } from '../../api/middleware/auth.ts';
import { bearerSecurity, createRouter, errorResponse, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;

// ---------------------------------------------------------------- staff

const OverviewSchema = z
  .object({
    currentVintage: VintageSchema.nullable(),
    boundarySets: z.array(BoundarySetSchema),
    districts: z.array(DistrictSchema),
    areas: z.array(AreaSchema),
  })
  .meta({ id: 'GeographyOverview' });

const overviewRoute = createRoute({
  method: 'get',
  path: '/geography',
  tags: ['geography'],
  summary: "The force's geography: live vintage, imported vintages, districts and areas",
  security,
  request: { query: z.object({ vintage: VintageSchema.optional() }) },
  responses: { 200: jsonResponse(OverviewSchema, 'Overview.'), ...staffErrorResponses },
});

const staffWardsRoute = createRoute({
  method: 'get',
  path: '/geography/wards',
  tags: ['geography'],
  summary: 'Wards of a vintage (the live one by default), optionally of one district',
  security,
  request: { query: z.object({ vintage: VintageSchema.optional(), district: z.string().optional() }) },
  responses: { 200: jsonResponse(z.object({ vintage: VintageSchema.nullable(), wards: z.array(WardSchema) }), 'Wards.'), ...staffErrorResponses },
});

const CreateImportSchema = z
  .object({
    kind: ImportKindSchema,
    fileName: z.string().trim().min(1).max(255),
    fileBytes: z.number().int().min(1).max(2 * 1024 ** 3, 'Files up to 2 GB can be imported.'),
    options: ImportOptionsSchema.default({}),
  })
  .strict()
  // No default kind of area: a neighbourhood-team file must never silently replace the Impact Areas.
  .refine((body) => body.kind !== 'areas' || body.options.areaKind !== undefined, {
    path: ['options', 'areaKind'],
    error: 'Kind of area is required for an areas import: choose Impact Areas (impact-area) or Neighbourhood Policing Teams (npt).',
  })
  .meta({ id: 'CreateImport' });

const UploadSchema = z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), withAuthorization: z.boolean(), expiresAt: z.string() });

const createImportRoute = createRoute({
  method: 'post',
  path: '/admin/imports',
  tags: ['geography'],
  summary: 'Start an import: returns the job and where to upload the file',
  description: 'Upload the file to `upload.url` (S3 in AWS), then POST `/admin/imports/{id}/start`.',
  security,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateImportSchema } } } },
  responses: { 201: jsonResponse(z.object({ job: ImportJobSchema, upload: UploadSchema }).meta({ id: 'ImportCreated' }), 'Job created.'), 422: errorResponse('Bad options.'), ...staffErrorResponses },
});

const jobParams = z.object({ id: z.uuid() });

const startImportRoute = createRoute({
  method: 'post',
  path: '/admin/imports/{id}/start',
  tags: ['geography'],
  summary: 'Queue an uploaded import for processing',
  security,
  middleware: [requireRole('admin')] as const,
  request: { params: jobParams },
  responses: {
    202: jsonResponse(ImportJobSchema.meta({ id: 'ImportJob' }), 'Queued; poll the job for progress.'),
    404: errorResponse('No such job.'),
    409: errorResponse('The job was already started.'),
    422: errorResponse('The file has not been uploaded.'),
    ...staffErrorResponses,
  },
});

const getImportRoute = createRoute({
  method: 'get',
  path: '/admin/imports/{id}',
  tags: ['geography'],
  summary: 'An import job with its progress and report',
  security,
  middleware: [requireRole('admin')] as const,
  request: { params: jobParams },
  responses: { 200: jsonResponse(ImportJobSchema, 'The job.'), 404: errorResponse('No such job.'), ...staffErrorResponses },
});

const AreaPreviewItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  wardCodes: z.array(z.string()),
  outcome: z.enum(['removed', 'new', 'changed', 'unchanged']).openapi({ description: 'What the import would do to this area.' }),
});

const AreaPreviewSchema = z
  .object({
    vintage: VintageSchema,
    kind: z.enum(['impact-area', 'npt']),
    existing: z.array(AreaPreviewItemSchema).openapi({ description: 'Every area of this kind there is now; all are replaced.' }),
    incoming: z.array(AreaPreviewItemSchema).openapi({ description: "The file's areas." }),
  })
  .meta({ id: 'AreaImportPreview' });

const previewImportRoute = createRoute({
  method: 'post',
  path: '/admin/imports/{id}/preview',
  tags: ['geography'],
  summary: 'What an uploaded areas import would replace, without changing anything',
  description: 'Lists the areas of the chosen kind there are now (all replaced) and the areas in the file, each marked new, changed or unchanged. Then POST `/admin/imports/{id}/start` to go ahead.',
  security,
  middleware: [requireRole('admin')] as const,
  request: { params: jobParams },
  responses: {
    200: jsonResponse(AreaPreviewSchema, 'The preview.'),
    404: errorResponse('No such job.'),
    422: errorResponse('Not an areas import, not uploaded yet, or the file has a problem (named).'),
    ...staffErrorResponses,
  },
});

/** Areas files are small; a preview reads at most this much. */
const MAX_PREVIEW_BYTES = 16 * 1024 * 1024;

async function readSmallText(stream: AsyncIterable<Buffer>, fileName: string): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > MAX_PREVIEW_BYTES) throw new ValidationError(`${fileName} is larger than ${MAX_PREVIEW_BYTES / 1024 ** 2} MB: an areas file has one short row for each ward of each area.`, undefined, 'areas.too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const listImportsRoute = createRoute({
  method: 'get',
  path: '/admin/imports',
  tags: ['geography'],
  summary: 'Recent import jobs, newest first',
  security,
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonResponse(z.object({ jobs: z.array(ImportJobSchema) }), 'Jobs.'), ...staffErrorResponses },
});

const CONTENT_TYPES: Record<ImportJob['kind'], string> = { boundaries: 'application/geo+json', postcodes: 'application/octet-stream', areas: 'text/csv' };

export const staffGeographyRoutes = createRouter()
  .openapi(overviewRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const currentVintage = await geography.currentVintage();
    const vintage = c.req.valid('query').vintage ?? currentVintage;
    const [boundarySets, districts, areas] = await Promise.all([geography.listBoundarySets(), vintage ? geography.listDistricts(vintage) : [], vintage ? geography.listAreas(vintage) : []]);
    return c.json({ currentVintage, boundarySets, districts, areas }, 200);
  })
  .openapi(staffWardsRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const query = c.req.valid('query');
    const vintage = query.vintage ?? (await geography.currentVintage());
    return c.json({ vintage, wards: vintage ? await geography.listWards(vintage, query.district) : [] }, 200);
  })
  .openapi(createImportRoute, async (c) => {
    const body = c.req.valid('json');
    const now = new Date().toISOString();
    const job: ImportJob = {
      id: randomUUID(),
      kind: body.kind,
      status: 'awaiting-upload',
      fileName: body.fileName,
      options: body.options,
      createdAt: now,
      createdBy: c.var.principal.username,
      updatedAt: now,
      progress: { phase: 'queued', rowsRead: 0, rowsKept: 0, bytesRead: 0, totalBytes: body.fileBytes },
    };
    await c.var.deps.repositories.imports.create(job);
    const upload = await c.var.deps.files.uploadTarget(importFileKey(job.id), { contentType: CONTENT_TYPES[job.kind], bytes: body.fileBytes });
    return c.json({ job, upload }, 201);
  })
  .openapi(startImportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { imports } = c.var.deps.repositories;
    const job = await imports.get(id);
    if (!job) throw new NotFoundError('No import job with that id.', 'import.not_found');
    if (!(await c.var.deps.files.stat(importFileKey(id)))) throw new ValidationError('Upload the file before starting the import.', undefined, 'import.no_file');
    if (!(await imports.transition(id, 'awaiting-upload', 'queued'))) {
      throw new ConflictError(`This import is already ${job.status}.`, 'import.already_started');
    }
    await c.var.deps.jobs.dispatch({ type: 'import', id });
    c.var.log.info('import queued', { importJob: id, kind: job.kind });
    return c.json((await imports.get(id))!, 202);
  })
  .openapi(previewImportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { repositories, files } = c.var.deps;
    const job = await repositories.imports.get(id);
    if (!job) throw new NotFoundError('No import job with that id.', 'import.not_found');
    if (job.kind !== 'areas') throw new ValidationError('Only area imports have a preview: boundaries and postcodes add a new vintage or lookup and replace nothing in place.', undefined, 'import.no_preview');
    if (!job.options.areaKind) throw new ValidationError('Kind of area is required: start the import again and choose Impact Areas or Neighbourhood Policing Teams.', [{ path: ['options', 'areaKind'], message: 'Kind of area is required.' }], 'areas.no_kind');
    if (!(await files.stat(importFileKey(id)))) throw new ValidationError('Upload the file before asking for a preview.', undefined, 'import.no_file');
    const text = await readSmallText((await files.open(importFileKey(id))) as AsyncIterable<Buffer>, job.fileName);
    return c.json(await previewAreas(repositories, text, job.options.areaKind), 200);
  })
  .openapi(getImportRoute, async (c) => {
    const job = await c.var.deps.repositories.imports.get(c.req.valid('param').id);
    if (!job) throw new NotFoundError('No import job with that id.', 'import.not_found');
    return c.json(job, 200);
  })
  .openapi(listImportsRoute, async (c) => c.json({ jobs: await c.var.deps.repositories.imports.listRecent(20) }, 200));

