import { createRoute, z } from '@hono/zod-openapi';
import { AdjustmentSchema, DistrictCodeSchema, QuestionIdSchema, ResultLevelSchema, SurveyResultsSchema, ValidationError, WardCodeSchema, WaveComparisonSchema, type ResultLevel } from '@wardpulse/domain';
import { compareWaves, computeSurveyResults, seriesSurveys, SeriesSchema, textInsights, TextInsightsSchema } from './index.ts';
import { allow } from '../../api/middleware/auth.ts';
import { bearerSecurity, createRouter, errorResponse, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;
const readers = allow('analyst', 'officer', 'admin');
const idParams = z.object({ id: z.uuid() });
const level = ResultLevelSchema.default('ward').openapi({ description: 'Rows of the table: wards, districts, Impact Areas / NPTs, or the force as one row.' });

const resultsRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/results',
  tags: ['results'],
  summary: 'Results by ward, district, area or force, with intervals and small counts withheld',
  description: 'Read from write-time aggregates only. Disclosure control is solved over every level at once, so tables at different levels cannot be differenced against each other.',
  security,
  ...readers,
  request: {
    params: idParams,
    query: z.object({
      level,
      group: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,39}:[a-z][a-z0-9_]{0,39}$/, 'Use <question id>:<option id>, e.g. sex:female.')
        .optional()
        .openapi({ description: 'Limit to one equality-monitoring group: `<demographic question id>:<option id>`.' }),
      within: z.string().min(1).max(80).optional().openapi({ description: 'A district code or area id: list only the units in it.' }),
    }),
  },
  responses: {
    200: jsonResponse(SurveyResultsSchema, 'The results.'),
    400: errorResponse('A query parameter is malformed; each is named.'),
    404: errorResponse('No such survey.'),
    422: errorResponse('The group or `within` names something the survey or geography does not have.'),
    ...staffErrorResponses,
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/results/compare',
  tags: ['results'],
  summary: 'Change from an earlier wave of the same series to this one, unit by unit, with adjusted significance',
  description:
    'Each row gives both waves’ shares, the change with its 95% interval, the unadjusted and the adjusted p-value (adjusted across every comparable row returned: the family, of `familySize` rows) and about the smallest change its samples could detect. Rows whose figure is withheld in either wave are listed but never compared. Choose `level` to compare districts, Impact Areas or the whole force, whose larger samples detect smaller changes than wards.',
  security,
  ...readers,
  request: {
    params: idParams,
    query: z.object({
      with: z.uuid().openapi({ description: 'The earlier wave ("before"); this survey is "after".' }),
      level,
      question: QuestionIdSchema.optional().openapi({ description: 'Compare only this question.' }),
      adjust: AdjustmentSchema.default('holm').openapi({ description: 'Multiple-comparison adjustment across the rows: Holm (family-wise) or Benjamini–Hochberg (false discovery rate).' }),
      alpha: z.coerce.number().gt(0).lt(1).default(0.05),
    }),
  },
  responses: {
    200: jsonResponse(WaveComparisonSchema, 'The comparison.'),
    400: errorResponse('A query parameter is malformed; each is named.'),
    404: errorResponse('No such survey.'),
    422: errorResponse('The surveys are not waves of one series, or the question is unknown.'),
    ...staffErrorResponses,
  },
});

const textRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/results/text',
  tags: ['results'],
  summary: 'Themes, redacted quotes and sentiment of a free-text question in one unit (reads raw answers, on request)',
  description: 'The one results route that reads raw responses: at most the 2,000 most recent texts. Quotes are shown only where the unit’s base for the question passes disclosure control.',
  security,
  ...readers,
  request: {
    params: idParams,
    query: z.object({
      question: QuestionIdSchema,
      unit: z.string().min(1).max(80).optional().openapi({ description: 'A ward or district code, an area id, or `none`; the force when omitted.' }),
      level: ResultLevelSchema.optional().openapi({ description: 'The level of `unit`; worked out from its form when omitted.' }),
    }),
  },
  responses: {
    200: jsonResponse(TextInsightsSchema, 'Themes, quotes (or why they are withheld) and sentiment.'),
    400: errorResponse('A query parameter is malformed; each is named.'),
    404: errorResponse('No such survey.'),
    422: errorResponse('The question is not a free-text question of the survey, or the unit is unknown.'),
    ...staffErrorResponses,
  },
});

const seriesRoute = createRoute({
  method: 'get',
  path: '/surveys/{id}/results/series',
  tags: ['results'],
  summary: 'The other waves of this survey’s series, to compare with',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(SeriesSchema, 'Other surveys of the series, by wave.'), 404: errorResponse('No such survey.'), ...staffErrorResponses },
});

/** The level a unit code belongs to, from its form: ONS ward or district code, `none`, `force`, else an area id. */
function levelOfUnit(unit: string): ResultLevel {
  if (unit === 'force') return 'force';
  if (unit === 'none' || WardCodeSchema.safeParse(unit).success) return 'ward';
  if (DistrictCodeSchema.safeParse(unit).success) return 'district';
  return 'area';
}

export const resultRoutes = createRouter()
  .openapi(resultsRoute, async (c) => {
    const { level: at, group, within } = c.req.valid('query');
    const [questionId = '', optionId = ''] = group?.split(':') ?? [];
    const results = await computeSurveyResults(c.var.deps.repositories, c.req.valid('param').id, {
      level: at,
      ...(group ? { group: { questionId, optionId } } : {}),
      ...(within ? { within } : {}),
    });
    return c.json(results, 200);
  })
  .openapi(compareRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    if (query.with === id) throw new ValidationError('Compare with another wave of the series, not the survey itself.', [{ path: ['query', 'with'], message: 'The same survey as the one compared.' }], 'results.same_wave');
    const comparison = await compareWaves(c.var.deps.repositories, query.with, id, {
      level: query.level,
      adjust: query.adjust,
      alpha: query.alpha,
      ...(query.question ? { questionId: query.question } : {}),
    });
    return c.json(comparison, 200);
  })
  .openapi(textRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const insights = await textInsights(c.var.deps.repositories, id, {
      questionId: query.question,
      level: query.level ?? (query.unit ? levelOfUnit(query.unit) : 'force'),
      ...(query.unit ? { unit: query.unit } : {}),
    });
    // Who read raw free text, and where (never the text itself).
    c.var.log.info('raw text read', { surveyId: id, questionId: query.question, unit: insights.unit.code, textsRead: insights.textsRead });
    return c.json(insights, 200);
  })
  .openapi(seriesRoute, async (c) => c.json(await seriesSurveys(c.var.deps.repositories, c.req.valid('param').id), 200));
