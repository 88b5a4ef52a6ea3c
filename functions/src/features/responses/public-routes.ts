import type { PublicEnv } from '../../api/context.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, openState, ResponseSubmissionSchema, SurveyContentSchema, TargetingSchema, type SurveyVersion } from '@wardpulse/domain';
import { submitResponse } from '../surveys/service.ts';
import type { PublicDeps } from '../../api/context.ts';
import { addressKey, limitPerAddress } from '../../api/middleware/rate-limit.ts';
import { createRouter, errorResponse, jsonResponse } from '../../api/router.ts';

/** The sentiment lexicon (about 100 KB of bundle) loads with the first answer, not at cold start. */
const loadSentimentScorer = () => import('@wardpulse/analytics/sentiment').then((module) => module.scoreSentiment);

/** Who a survey is for, named so residents can tell two surveys of the same title apart. */
const SurveyAreaSchema = z
  .object({
    scope: z.enum(['force', 'districts', 'areas', 'wards']),
    names: z.array(z.string()).openapi({ description: 'District, area or ward names; empty for the whole force.' }),
  })
  .meta({ id: 'SurveyArea' });

/** The names of the places a version targets, in the boundaries it collects against. */
async function surveyArea(repositories: PublicDeps['repositories'], version: SurveyVersion): Promise<z.infer<typeof SurveyAreaSchema>> {
  const { targeting } = version;
  if (targeting.scope === 'force') return { scope: 'force', names: [] };
  const { geography } = repositories;
  const vintage = version.boundaryVintage ?? (await geography.currentVintage());
  if (!vintage) return { scope: targeting.scope, names: targeting.scope === 'areas' ? targeting.ids : targeting.codes };
  let named: Map<string, string>;
  let wanted: string[];
  if (targeting.scope === 'districts') {
    named = new Map((await geography.listDistricts(vintage)).map((d) => [d.code, d.name]));
    wanted = targeting.codes;
  } else if (targeting.scope === 'areas') {
    named = new Map((await geography.listAreas(vintage)).map((a) => [a.id, a.name]));
    wanted = targeting.ids;
  } else {
    named = new Map((await geography.listWards(vintage)).map((w) => [w.code, w.name]));
    wanted = targeting.codes;
  }
  return { scope: targeting.scope, names: wanted.map((code) => named.get(code) ?? code) };
}

const PublicSurveySchema = z
  .object({
    surveyId: z.string(),
    version: z.number(),
    slug: z.string(),
    wave: z.number(),
    content: SurveyContentSchema,
    targeting: TargetingSchema,
    boundaryVintage: z.string().nullable(),
    open: z.boolean(),
    closedReason: z.string().optional(),
    opensAt: z.string().optional(),
    closesAt: z.string().optional(),
    area: SurveyAreaSchema,
  })
  .meta({ id: 'PublicSurvey' });

const openSurveysRoute = createRoute({
  method: 'get',
  path: '/surveys',
  tags: ['residents'],
  summary: 'Surveys open now',
  responses: { 200: jsonResponse(z.object({ surveys: z.array(z.object({ slug: z.string(), title: z.record(z.string(), z.string()), wave: z.number(), opensAt: z.string().optional(), closesAt: z.string().optional(), area: SurveyAreaSchema })) }), 'Open surveys.') },
});

const surveyBySlugRoute = createRoute({
  method: 'get',
  path: '/surveys/{slug}',
  tags: ['residents'],
  summary: 'The published version a resident answers at /s/<slug>',
  request: { params: z.object({ slug: z.string().max(60) }) },
  responses: { 200: jsonResponse(PublicSurveySchema, 'The survey (with `open: false` and a reason once closed).'), 404: errorResponse('No published survey has that link.') },
});

const TOO_MANY = 'You have sent a lot of responses from this network in the last hour. Please try again later.';

const ReceiptSchema = z.object({ id: z.string(), receivedAt: z.string(), wardCode: z.string().nullable(), replayed: z.boolean() }).meta({ id: 'Receipt' });

const submitRoute = createRoute({
  method: 'post',
  path: '/responses',
  tags: ['residents'],
  summary: 'Submit a response (idempotent by its device-generated id)',
  description:
    'Stored exactly once, with its ward aggregates, in one DynamoDB transaction. Retrying the same id and body returns the original receipt (200, `replayed: true`); a different body under a used id is 409.',
  request: { body: { required: true, content: { 'application/json': { schema: ResponseSubmissionSchema } } } },
  responses: {
    201: jsonResponse(ReceiptSchema, 'Stored.'),
    200: jsonResponse(ReceiptSchema, 'Already stored: the original receipt.'),
    404: errorResponse('No such survey or version.'),
    409: errorResponse('A different response already used this id.'),
    422: errorResponse('Closed survey or invalid answers; `issues` names each problem.'),
    429: errorResponse('Too many submissions from this network; `Retry-After` says when to try again.'),
    503: errorResponse('Busy; retry after `Retry-After`.'),
  },
});

export const publicSurveyRoutes = createRouter<PublicEnv>()
  .openapi(openSurveysRoute, async (c) => {
    const { surveys } = c.var.deps.repositories;
    const all = await surveys.list();
    const open = [];
    for (const survey of all.filter((s) => s.status === 'published')) {
      const version = await surveys.getVersion(survey.id, survey.publishedVersion);
      if (version && openState(survey, version).open) {
        open.push({
          slug: survey.slug,
          title: version.content.title,
          wave: version.wave,
          ...(version.opensAt ? { opensAt: version.opensAt } : {}),
          ...(version.closesAt ? { closesAt: version.closesAt } : {}),
          area: await surveyArea(c.var.deps.repositories, version),
        });
      }
    }
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ surveys: open }, 200);
  })
  .openapi(surveyBySlugRoute, async (c) => {
    const { surveys } = c.var.deps.repositories;
    const survey = await surveys.bySlug(c.req.valid('param').slug);
    const version = survey && survey.publishedVersion > 0 ? await surveys.getVersion(survey.id, survey.publishedVersion) : null;
    if (!survey || !version) throw new NotFoundError('There is no survey at this link. Check the link, or see the open surveys.', 'survey.not_found');
    const state = openState(survey, version);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(
      {
        surveyId: survey.id,
        version: version.version,
        slug: survey.slug,
        wave: version.wave,
        content: version.content,
        targeting: version.targeting,
        boundaryVintage: version.boundaryVintage,
        open: state.open,
        ...(state.open ? {} : { closedReason: state.reason }),
        ...(version.opensAt ? { opensAt: version.opensAt } : {}),
        ...(version.closesAt ? { closesAt: version.closesAt } : {}),
        area: await surveyArea(c.var.deps.repositories, version),
      },
      200,
    );
  })
  .openapi(submitRoute, async (c) => {
    const submission = c.req.valid('json');
    const { repositories, config } = c.var.deps;
    if (submission.website) {
      await limitPerAddress(c, 'response', config.submissionsPerHour, TOO_MANY);
      // Honeypot filled in: answer as if stored so the bot learns nothing, and store nothing.
      c.var.log.warn('honeypot submission discarded', { surveyId: submission.surveyId });
      return c.json({ id: submission.id, receivedAt: new Date().toISOString(), wardCode: null, replayed: false }, 201);
    }
    // The allowance is counted by the write itself: one DynamoDB call per submission.
    const limit = { key: addressKey(c, 'response'), perHour: config.submissionsPerHour, message: TOO_MANY };
    const { receipt, replayed } = await submitResponse({ repositories, sentiment: await loadSentimentScorer(), limit }, submission);
    return c.json({ ...receipt, replayed }, replayed ? 200 : 201);
  });
