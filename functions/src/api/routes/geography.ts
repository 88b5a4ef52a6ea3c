import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import {
  AreaSchema,
  BoundarySetSchema,
  ConflictError,
  DistrictSchema,
  ImportJobSchema,
  ImportKindSchema,
  ImportOptionsSchema,
  NotFoundError,
  parsePostcodeQuery,
  PostcodeLocationSchema,
  ValidationError,
  VintageSchema,
  WardCandidateSchema,
  WardSchema,
  type ImportJob,
} from '@wardpulse/domain';
import { previewAreas } from '../../jobs/geo-import/areas.ts';
import { importFileKey } from '../../jobs/run-import.ts';
import { requireRole } from '../auth.ts';
import { bearerSecurity, createRouter, errorResponse, jsonResponse, staffErrorResponses } from '../router.ts';

const security = bearerSecurity;

// ---------------------------------------------------------------- residents (no account)

const postcodeRoute = createRoute({
  method: 'get',
  path: '/postcodes/{postcode}',
  tags: ['residents'],
  summary: 'Which ward a full postcode is in',
  description: 'Accepts any case and spacing (`b661aa`, `B66 1AA`). Only the ward is ever kept with a response; the postcode is not logged.',
  request: { params: z.object({ postcode: z.string().max(16).openapi({ example: 'B66 1AA' }) }) },
  responses: {
    200: jsonResponse(PostcodeLocationSchema.meta({ id: 'PostcodeLocation' }), 'The ward, district and vintage.'),
    404: errorResponse('Not a postcode in this force area.'),
    422: errorResponse('Not a full UK postcode (a partial one gets a hint to use /postcode-areas).'),
  },
});

const candidatesRoute = createRoute({
  method: 'get',
  path: '/postcode-areas/{partial}',
  tags: ['residents'],
  summary: 'Candidate wards for a partial postcode (district `B66` or sector `B66 1`)',
  request: { params: z.object({ partial: z.string().max(16).openapi({ example: 'B66 1' }) }) },
  responses: {
    200: jsonResponse(z.object({ partial: z.string(), candidates: z.array(WardCandidateSchema) }).meta({ id: 'WardCandidates' }), 'Wards, most postcodes first, with counts and shares.'),
    404: errorResponse('No postcodes of this force start like that.'),
    422: errorResponse('Not a postcode district or sector.'),
  },
});

const WardChoiceSchema = z
  .object({
    vintage: VintageSchema.nullable(),
    demo: z.boolean(),
    districts: z.array(z.object({ code: z.string(), name: z.string(), wards: z.array(z.object({ code: z.string(), name: z.string() })) })),
  })
  .meta({ id: 'WardChoices' });

const wardChoiceRoute = createRoute({
  method: 'get',
  path: '/wards',
  tags: ['residents'],
  summary: '"Choose your ward": the live vintage’s wards, grouped by district',
  responses: { 200: jsonResponse(WardChoiceSchema, 'Districts and their wards, alphabetical.') },
});

const mapRoute = createRoute({
  method: 'get',
  path: '/geography/map',
  tags: ['residents'],
  summary: 'The simplified ward boundaries (TopoJSON) of a vintage, for maps',
  request: { query: z.object({ vintage: VintageSchema.optional() }) },
  responses: {
    200: { description: 'TopoJSON topology with a `wards` object; properties code, name, districtCode, districtName.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    404: errorResponse('No boundaries imported for that vintage.'),
  },
});

export const publicGeographyRoutes = createRouter()
  .openapi(postcodeRoute, async (c) => {
    const query = parsePostcodeQuery(c.req.valid('param').postcode);
    if (query.kind !== 'full') {
      const hint = query.kind === 'invalid' ? query.reason : 'That is only part of a postcode: use /api/public/postcode-areas to list the wards it covers.';
      throw new ValidationError(hint, [{ path: ['param', 'postcode'], message: hint }], 'postcode.malformed');
    }
    const location = await c.var.deps.repositories.geography.getPostcode(query.postcode);
    if (!location) throw new NotFoundError(`We do not have ${query.postcode} in this force area. Check it, or choose your ward from the list.`, 'postcode.not_found');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json(location, 200);
  })
  .openapi(candidatesRoute, async (c) => {
    const query = parsePostcodeQuery(c.req.valid('param').partial);
    if (query.kind !== 'district' && query.kind !== 'sector') {
      const message = query.kind === 'full' ? 'That is a full postcode: use /api/public/postcodes.' : query.reason;
      throw new ValidationError(message, [{ path: ['param', 'partial'], message }], 'postcode.malformed');
    }
    const partial = query.kind === 'district' ? query.district : query.sector;
    const candidates = await c.var.deps.repositories.geography.getCandidates(partial);
    if (candidates.length === 0) throw new NotFoundError(`No postcodes in this force area start with ${partial}.`, 'postcode.not_found');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ partial, candidates }, 200);
  })
  .openapi(wardChoiceRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const vintage = await geography.currentVintage();
    if (!vintage) return c.json({ vintage: null, demo: false, districts: [] }, 200);
    const [set, wards] = await Promise.all([geography.getBoundarySet(vintage), geography.listWards(vintage)]);
    const districts = new Map<string, { code: string; name: string; wards: { code: string; name: string }[] }>();
    for (const ward of wards) {
      const district = districts.get(ward.districtCode) ?? { code: ward.districtCode, name: ward.districtName, wards: [] };
      district.wards.push({ code: ward.code, name: ward.name });
      districts.set(ward.districtCode, district);
    }
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ vintage, demo: set?.demo ?? false, districts: [...districts.values()] }, 200);
  })
  .openapi(mapRoute, async (c) => {
    const { geography } = c.var.deps.repositories;
    const vintage = c.req.valid('query').vintage ?? (await geography.currentVintage());
    const map = vintage ? await geography.getMap(vintage) : null;
    if (!map) throw new NotFoundError(vintage ? `No boundaries have been imported for ${vintage}.` : 'No boundaries have been imported yet.', 'geography.no_boundaries');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(map, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never;
  });

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

