import { createRoute, z } from '@hono/zod-openapi';
import {
  checkDraft,
  ConflictError,
  NotFoundError,
  SlugSchema,
  SurveyContentSchema,
  SurveySchema,
  SurveyVersionSchema,
  TargetingSchema,
  TEMPLATES,
  trackTranslations,
  type Survey,
} from '@wardpulse/domain';
import { newSurvey, publishSurvey, verifyAggregates } from './service.ts';
import { allow, allowAnyStaff } from '../../api/middleware/auth.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;
const officer = allow('officer', 'admin');
const idParams = z.object({ id: z.uuid() });

const CheckSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional(), severity: z.enum(['error', 'warning']) });
const SurveyDetailSchema = z
  .object({
    survey: SurveySchema,
    versions: z.array(z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string() })),
    checks: z.array(CheckSchema),
  })
  .meta({ id: 'SurveyDetail' });

const SettingsInputSchema = z.object({
  seriesId: SlugSchema.optional(),
  wave: z.number().int().min(1).max(99).default(1),
  slug: SlugSchema,
  targeting: TargetingSchema.default({ scope: 'force' }),
  opensAt: z.iso.datetime().optional(),
  closesAt: z.iso.datetime().optional(),
});

const listRoute = createRoute({
  method: 'get',
  path: '/surveys',
  tags: ['surveys'],
  summary: 'Every survey, most recently changed first',
  security,
  ...allowAnyStaff,
  responses: { 200: jsonResponse(z.object({ surveys: z.array(SurveySchema) }), 'Surveys.'), ...staffErrorResponses },
});

const templatesRoute = createRoute({
  method: 'get',
  path: '/surveys/templates',
  tags: ['surveys'],
  summary: 'Templates to start a survey from',
  security,
  ...allowAnyStaff,
  responses: {
    200: jsonResponse(z.object({ templates: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), questions: z.number() })) }), 'Templates.'),
    ...staffErrorResponses,
  },
});

const createSurveyRoute = createRoute({
  method: 'post',
  path: '/surveys',
  tags: ['surveys'],
  summary: 'Create a survey from a template or blank',
  security,
  ...officer,
  request: jsonBody(SettingsInputSchema.extend({ template: z.enum(['priorities', 'impact-area', 'blank']) }).strict()),
  responses: { 201: jsonResponse(SurveyDetailSchema, 'Created as a draft.'), 409: errorResponse('The link name is taken.'), 422: errorResponse('Invalid settings.'), ...staffErrorResponses },
});

const getSurveyRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}',
  tags: ['surveys'],
  summary: 'A survey with its versions and the checks its draft must pass',
  security,
  ...allowAnyStaff,
  request: { params: idParams },
  responses: { 200: jsonResponse(SurveyDetailSchema, 'The survey.'), 404: errorResponse('No such survey.'), ...staffErrorResponses },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/versions/{version}',
  tags: ['surveys'],
  summary: 'One published (immutable) version',
  security,
  ...allowAnyStaff,
  request: { params: idParams.extend({ version: z.coerce.number().int().min(1) }) },
  responses: { 200: jsonResponse(SurveyVersionSchema.meta({ id: 'SurveyVersion' }), 'The version.'), 404: errorResponse('No such version.'), ...staffErrorResponses },
});

const saveDraftRoute = createRoute({
  method: 'put',
  path: '/surveys/{id}/draft',
  tags: ['surveys'],
  summary: 'Save the draft (questions, translations, settings)',
  security,
  ...officer,
  request: {
    params: idParams,
    ...jsonBody(
      z
        .object({
          expectedRevision: z.number().int().min(1),
          content: SurveyContentSchema,
          targeting: TargetingSchema.optional(),
          opensAt: z.iso.datetime().nullable().optional(),
          closesAt: z.iso.datetime().nullable().optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse(SurveyDetailSchema, 'Saved; `checks` lists what must be fixed before publishing.'), 409: errorResponse('Changed by someone else, or not a draft.'), 422: errorResponse('Malformed content.'), ...staffErrorResponses },
});

const revisionBody = jsonBody(z.object({ expectedRevision: z.number().int().min(1) }).strict());

const publishRoute = createRoute({
  method: 'post',
  path: '/surveys/{id}/publish',
  tags: ['surveys'],
  summary: 'Publish the draft as a new immutable version',
  security,
  ...officer,
  request: { params: idParams, ...revisionBody },
  responses: {
    200: jsonResponse(z.object({ survey: SurveySchema, version: SurveyVersionSchema }), 'Published.'),
    409: errorResponse('Changed by someone else, or nothing to publish.'),
    422: errorResponse('The draft has problems; `issues` lists each with its path.'),
    ...staffErrorResponses,
  },
});

const editRoute = createRoute({
  method: 'post',
  path: '/surveys/{id}/edit',
  tags: ['surveys'],
  summary: 'Start a new draft version from the published one (the published version stays live and unchanged)',
  security,
  ...officer,
  request: { params: idParams, ...revisionBody },
  responses: { 200: jsonResponse(SurveyDetailSchema, 'A new draft.'), 409: errorResponse('A draft already exists or the survey changed.'), ...staffErrorResponses },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/surveys/{id}/close',
  tags: ['surveys'],
  summary: 'Close the survey to new responses',
  security,
  ...officer,
  request: { params: idParams, ...revisionBody },
  responses: { 200: jsonResponse(SurveyDetailSchema, 'Closed.'), 409: errorResponse('Changed by someone else.'), ...staffErrorResponses },
});

const nextWaveRoute = createRoute({
  method: 'post',
  path: '/surveys/{id}/next-wave',
  tags: ['surveys'],
  summary: 'Duplicate as the next wave of the same series (same question ids, so waves compare)',
  security,
  ...officer,
  request: { params: idParams, ...jsonBody(z.object({ slug: SlugSchema }).strict()) },
  responses: { 201: jsonResponse(SurveyDetailSchema, 'The next wave, as a draft.'), 409: errorResponse('The link name is taken.'), ...staffErrorResponses },
});

const verifyRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/versions/{version}/verify',
  tags: ['surveys'],
  summary: 'Recount raw responses and report any drift from the aggregates (must be none)',
  security,
  ...allow('analyst', 'admin'),
  request: { params: idParams.extend({ version: z.coerce.number().int().min(1) }) },
  responses: {
    200: jsonResponse(z.object({ surveyId: z.string(), version: z.number(), responses: z.number(), wards: z.number(), drift: z.array(z.object({ ward: z.string(), counter: z.string(), stored: z.number(), recounted: z.number() })) }), 'The recount.'),
    404: errorResponse('No such version.'),
    ...staffErrorResponses,
  },
});

async function detail(repositories: Parameters<typeof publishSurvey>[0], survey: Survey) {
  const versions = await repositories.surveys.listVersions(survey.id);
  return {
    survey,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy })),
    checks: survey.draft ? checkDraft(survey.draft) : [],
  };
}

export const surveyRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json({ surveys: await c.var.deps.repositories.surveys.list() }, 200))
  .openapi(templatesRoute, (c) =>
    c.json({ templates: Object.entries(TEMPLATES).map(([id, t]) => ({ id, name: t.name, description: t.description, questions: t.content.questions.length })) }, 200),
  )
  .openapi(createSurveyRoute, async (c) => {
    const input = c.req.valid('json');
    const survey = newSurvey({ ...input, seriesId: input.seriesId ?? input.slug }, c.var.principal.username);
    await c.var.deps.repositories.surveys.create(survey);
    return c.json(await detail(c.var.deps.repositories, survey), 201);
  })
  .openapi(getSurveyRoute, async (c) => {
    const survey = await c.var.deps.repositories.surveys.get(c.req.valid('param').id);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    return c.json(await detail(c.var.deps.repositories, survey), 200);
  })
  .openapi(versionRoute, async (c) => {
    const { id, version } = c.req.valid('param');
    const found = await c.var.deps.repositories.surveys.getVersion(id, version);
    if (!found) throw new NotFoundError('No such version.', 'survey.not_found');
    return c.json(found, 200);
  })
  .openapi(saveDraftRoute, async (c) => {
    const { repositories } = c.var.deps;
    const input = c.req.valid('json');
    const survey = await repositories.surveys.get(c.req.valid('param').id);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    if (!survey.draft) throw new ConflictError('This survey has no draft: choose “Edit” to start a new version.', 'survey.no_draft');
    const next: Survey = {
      ...survey,
      // A client that leaves out the fingerprints still gets a reworded English marked out of date.
      draft: trackTranslations(survey.draft, input.content),
      ...(input.targeting ? { targeting: input.targeting } : {}),
      updatedAt: new Date().toISOString(),
      revision: survey.revision + 1,
    };
    if (input.opensAt !== undefined) next.opensAt = input.opensAt ?? undefined;
    if (input.closesAt !== undefined) next.closesAt = input.closesAt ?? undefined;
    await repositories.surveys.update(next, input.expectedRevision);
    return c.json(await detail(repositories, next), 200);
  })
  .openapi(publishRoute, async (c) => {
    const result = await publishSurvey(c.var.deps.repositories, c.req.valid('param').id, c.req.valid('json').expectedRevision, c.var.principal.username);
    c.var.log.info('survey published', { surveyId: result.survey.id, version: result.version.version });
    return c.json(result, 200);
  })
  .openapi(editRoute, async (c) => {
    const { repositories } = c.var.deps;
    const survey = await repositories.surveys.get(c.req.valid('param').id);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    if (survey.draft) throw new ConflictError('There is already a draft of the next version.', 'survey.draft_exists');
    const published = await repositories.surveys.getVersion(survey.id, survey.publishedVersion);
    if (!published) throw new ConflictError('Nothing has been published yet.', 'survey.no_version');
    const next: Survey = { ...survey, draft: published.content, draftVersion: survey.publishedVersion + 1, updatedAt: new Date().toISOString(), revision: survey.revision + 1 };
    await repositories.surveys.update(next, c.req.valid('json').expectedRevision);
    return c.json(await detail(repositories, next), 200);
  })
  .openapi(closeRoute, async (c) => {
    const { repositories } = c.var.deps;
    const survey = await repositories.surveys.get(c.req.valid('param').id);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    if (survey.status !== 'published') throw new ConflictError(survey.status === 'closed' ? 'This survey is already closed.' : 'Only a published survey can be closed; a draft can simply be left unpublished.', 'survey.not_published');
    const next: Survey = { ...survey, status: 'closed', updatedAt: new Date().toISOString(), revision: survey.revision + 1 };
    await repositories.surveys.update(next, c.req.valid('json').expectedRevision, { action: 'survey.closed', actor: c.var.principal.username, detail: {} });
    return c.json(await detail(repositories, next), 200);
  })
  .openapi(nextWaveRoute, async (c) => {
    const { repositories } = c.var.deps;
    const survey = await repositories.surveys.get(c.req.valid('param').id);
    if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
    const source = survey.publishedVersion > 0 ? (await repositories.surveys.getVersion(survey.id, survey.publishedVersion))?.content : survey.draft;
    if (!source) throw new ConflictError('The survey has no content to copy.', 'survey.no_version');
    const now = new Date().toISOString();
    const next: Survey = {
      ...newSurvey({ template: 'blank', seriesId: survey.seriesId, wave: survey.wave + 1, slug: c.req.valid('json').slug, targeting: survey.targeting }, c.var.principal.username, now),
      kind: survey.kind,
      draft: source,
    };
    await repositories.surveys.create(next);
    return c.json(await detail(repositories, next), 201);
  })
  .openapi(verifyRoute, async (c) => {
    const { id, version } = c.req.valid('param');
    const { scoreSentiment } = await import('@wardpulse/analytics/sentiment');
    return c.json(await verifyAggregates({ repositories: c.var.deps.repositories, sentiment: scoreSentiment }, id, version), 200);
  });
