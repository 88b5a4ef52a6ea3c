import { createRoute, z } from '@hono/zod-openapi';
import { AreaSchema, BoundarySetSchema, DistrictSchema, ImportJobSchema, ImportKindSchema, ImportOptionsSchema, VintageSchema, WardSchema } from '@wardpulse/domain';
import { createImport, geographyOverview, getImport, previewImport, RECENT_IMPORTS, startImport, wardsOf } from './service.ts';
import { allow, allowAnyStaff } from '../../api/middleware/auth.ts';
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
  ...allowAnyStaff,
  request: { query: z.object({ vintage: VintageSchema.optional() }) },
  responses: { 200: jsonResponse(OverviewSchema, 'Overview.'), ...staffErrorResponses },
});

const staffWardsRoute = createRoute({
  method: 'get',
  path: '/geography/wards',
  tags: ['geography'],
  summary: 'Wards of a vintage (the live one by default), optionally of one district',
  security,
  ...allowAnyStaff,
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
  description: 'Upload the file to `upload.url` (S3 in AWS), and the ward → district lookup (if any) to `lookupUpload.url`, then POST `/admin/imports/{id}/start`.',
  security,
  ...allow('admin'),
  request: { body: { required: true, content: { 'application/json': { schema: CreateImportSchema } } } },
  responses: { 201: jsonResponse(z.object({ job: ImportJobSchema, upload: UploadSchema, lookupUpload: UploadSchema.optional().openapi({ description: 'Where to upload the ward → district lookup, when `options.lookupFile` was given.' }) }).meta({ id: 'ImportCreated' }), 'Job created.'), 422: errorResponse('Bad options.'), ...staffErrorResponses },
});

const jobParams = z.object({ id: z.uuid() });

const startImportRoute = createRoute({
  method: 'post',
  path: '/admin/imports/{id}/start',
  tags: ['geography'],
  summary: 'Queue an uploaded import for processing',
  security,
  ...allow('admin'),
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
  ...allow('admin'),
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
  ...allow('admin'),
  request: { params: jobParams },
  responses: {
    200: jsonResponse(AreaPreviewSchema, 'The preview.'),
    404: errorResponse('No such job.'),
    422: errorResponse('Not an areas import, not uploaded yet, or the file has a problem (named).'),
    ...staffErrorResponses,
  },
});

const listImportsRoute = createRoute({
  method: 'get',
  path: '/admin/imports',
  tags: ['geography'],
  summary: 'Recent import jobs, newest first',
  security,
  ...allow('admin'),
  responses: { 200: jsonResponse(z.object({ jobs: z.array(ImportJobSchema) }), 'Jobs.'), ...staffErrorResponses },
});

export const staffGeographyRoutes = createRouter()
  .openapi(overviewRoute, async (c) => c.json(await geographyOverview(c.var.deps.repositories, c.req.valid('query').vintage), 200))
  .openapi(staffWardsRoute, async (c) => c.json(await wardsOf(c.var.deps.repositories, c.req.valid('query')), 200))
  .openapi(createImportRoute, async (c) => c.json(await createImport(c.var.deps, c.req.valid('json'), c.var.principal.username), 201))
  .openapi(startImportRoute, async (c) => {
    const job = await startImport(c.var.deps, c.req.valid('param').id);
    c.var.log.info('import queued', { importJob: job.id, kind: job.kind });
    return c.json(job, 202);
  })
  .openapi(previewImportRoute, async (c) => c.json(await previewImport(c.var.deps, c.req.valid('param').id), 200))
  .openapi(getImportRoute, async (c) => c.json(await getImport(c.var.deps.repositories, c.req.valid('param').id), 200))
  .openapi(listImportsRoute, async (c) => c.json({ jobs: await c.var.deps.repositories.imports.listRecent(RECENT_IMPORTS) }, 200));
