import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CoachingNoteSchema, MessageContentSchema, MessageKpiDetailSchema, MessageKpiReportSchema, MessageSchema, MessageTargetingSchema, ResultLevelSchema, ValidationError, type Period } from '@wardpulse/domain';
import { csvStream } from '../exports/csv.ts';
import { audienceOf, createMessage, detailOf, getMessage, kpiExport, kpiReport, kpiSheets, listReplies, messageKpis, sendMessage, setFollowUp, updateMessage, type MessageServiceDeps } from './index.ts';
import { allow } from '../../api/middleware/auth.ts';
import type { AppEnv } from '../../api/context.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;
const writers = allow('officer', 'admin');
const readers = allow('analyst', 'officer', 'admin');
const idParams = z.object({ id: z.uuid() });

const serviceDeps = (c: Context<AppEnv>): MessageServiceDeps => ({ repositories: c.var.deps.repositories, audience: c.var.deps.messaging.audience, sender: c.var.deps.messaging.sender });




// ---------------------------------------------------------------- schemas

const DraftSchema = MessageContentSchema.extend({ targeting: MessageTargetingSchema });
const MessageDetailSchema = z
  .object({ message: MessageSchema, coaching: z.array(CoachingNoteSchema), problems: z.array(CoachingNoteSchema) })
  .meta({ id: 'MessageDetail' });
const AudienceSchema = z.object({ total: z.number().int().min(0), byWard: z.record(z.string(), z.number().int().min(0)) }).meta({ id: 'MessageAudience' });
const StaffReplySchema = z
  .object({
    id: z.string(),
    text: z.string(),
    sentiment: z.object({ score: z.number(), label: z.enum(['positive', 'neutral', 'negative']) }),
    needsFollowUp: z.boolean(),
    followUpReasons: z.array(z.string()),
    followUpDone: z.boolean(),
    followUpDoneAt: z.string().nullable(),
    followUpDoneBy: z.string().nullable(),
    wardCode: z.string(),
    fromRecipient: z.boolean(),
    receivedAt: z.string(),
  })
  .meta({ id: 'MessageReply' });

const isoInstant = z.iso.datetime({ offset: true });
const periodQuery = z.object({
  level: ResultLevelSchema.default('ward').openapi({ description: 'Rows: wards, districts, Impact Areas / NPTs, or the force.' }),
  from: isoInstant.optional().openapi({ description: 'Messages sent at or after this instant.' }),
  to: isoInstant.optional().openapi({ description: 'Messages sent before this instant.' }),
  compareFrom: isoInstant.optional().openapi({ description: 'Baseline period start, to compare with.' }),
  compareTo: isoInstant.optional().openapi({ description: 'Baseline period end.' }),
});

const toIso = (value: string | undefined) => (value === undefined ? null : new Date(value).toISOString());

function periods(query: z.infer<typeof periodQuery>): { period: Period; compare: Period | null } {
  const issues = [];
  const period = { from: toIso(query.from), to: toIso(query.to) };
  if (period.from && period.to && period.from >= period.to) issues.push({ path: ['query', 'to'], message: '“to” must be after “from”.' });
  const hasCompare = query.compareFrom !== undefined || query.compareTo !== undefined;
  const compare = hasCompare ? { from: toIso(query.compareFrom), to: toIso(query.compareTo) } : null;
  if (compare && compare.from && compare.to && compare.from >= compare.to) issues.push({ path: ['query', 'compareTo'], message: '“compareTo” must be after “compareFrom”.' });
  if (issues.length > 0) throw new ValidationError('The periods are not valid.', issues, 'messages.invalid_period');
  return { period, compare };
}

// ---------------------------------------------------------------- staff routes

const listRoute = createRoute({
  method: 'get',
  path: '/messages',
  tags: ['messages'],
  summary: 'Every community message, newest first',
  security,
  ...readers,
  responses: { 200: jsonResponse(z.object({ messages: z.array(MessageSchema) }), 'Messages.'), ...staffErrorResponses },
});

const createMessageRoute = createRoute({
  method: 'post',
  path: '/messages',
  tags: ['messages'],
  summary: 'Start a message (a draft): title, the three parts, optional link and image, targeting',
  description: 'Readability is measured and stored with every save; `coaching` is the live coaching on the saved text, `problems` what must be fixed before sending.',
  security,
  ...writers,
  request: jsonBody(DraftSchema.strict()),
  responses: { 201: jsonResponse(MessageDetailSchema, 'Created as a draft.'), 422: errorResponse('Invalid content or targeting; each problem is named.'), ...staffErrorResponses },
});

const kpisRoute = createRoute({
  method: 'get',
  path: '/messages/kpis',
  tags: ['messages'],
  summary: 'The pilot’s KPIs per unit over a period, change from a baseline period, readability vs satisfaction',
  description:
    'Messages count in a period when their `sentAt` is in [from, to). Share figures carry 95 % Wilson intervals and are withheld under the force’s disclosure threshold (primary and secondary, across all levels). Comparison rows use a pooled two-proportion z test with Holm-adjusted p.',
  security,
  ...readers,
  request: { query: periodQuery },
  responses: { 200: jsonResponse(MessageKpiReportSchema, 'The KPI report.'), 400: errorResponse('A query parameter is malformed.'), 422: errorResponse('A period ends before it starts.'), ...staffErrorResponses },
});

const kpiExportRoute = createRoute({
  method: 'get',
  path: '/messages/kpis/export',
  tags: ['messages'],
  summary: 'The KPI table as CSV or XLSX, with the same disclosure control (counts too)',
  security,
  ...readers,
  request: { query: periodQuery.omit({ compareFrom: true, compareTo: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
  responses: {
    200: {
      description: 'The table (withheld figures are empty with their status named).',
      content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: errorResponse('A query parameter is malformed.'),
    ...staffErrorResponses,
  },
});

const getMessageRoute = createRoute({
  method: 'get',
  path: '/messages/{id}',
  tags: ['messages'],
  summary: 'A message with its stored readability, live coaching and blocking problems',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(MessageDetailSchema, 'The message.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const updateMessageRoute = createRoute({
  method: 'put',
  path: '/messages/{id}',
  tags: ['messages'],
  summary: 'Save a draft (a scheduled message goes back to draft)',
  security,
  ...writers,
  request: { params: idParams, ...jsonBody(DraftSchema.extend({ expectedRevision: z.number().int().min(1) }).strict()) },
  responses: {
    200: jsonResponse(MessageDetailSchema, 'Saved.'),
    404: errorResponse('No such message.'),
    409: errorResponse('Changed by someone else since it was opened, or already sending/sent.'),
    422: errorResponse('Invalid content or targeting.'),
    ...staffErrorResponses,
  },
});

const audienceRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/audience',
  tags: ['messages'],
  summary: 'How many signed-up residents the message would reach, by ward',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(AudienceSchema, 'The audience.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const sendRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/send',
  tags: ['messages'],
  summary: 'Send now, or schedule for `at`',
  description: 'Refused with 422 (each problem named) while the message has blocking problems or no audience; 409 once it is sending or sent, so it is never sent twice.',
  security,
  ...writers,
  request: { params: idParams, ...jsonBody(z.object({ at: isoInstant.optional().openapi({ description: 'When to send; now when left out.' }) }).strict()) },
  responses: {
    202: jsonResponse(z.object({ message: MessageSchema, audience: AudienceSchema }), 'Sending has started, or the message is scheduled.'),
    404: errorResponse('No such message.'),
    409: errorResponse('Already sending or sent.'),
    422: errorResponse('Not ready to send; `issues` names each problem.'),
    ...staffErrorResponses,
  },
});

const previewRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/preview',
  tags: ['messages'],
  summary: 'The e-mail as recipients would get it (HTML and plain text)',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(z.object({ html: z.string(), text: z.string() }), 'The e-mail.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const repliesRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/replies',
  tags: ['messages'],
  summary: 'Residents’ replies with sentiment and follow-up flags (staff only; never public)',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(z.object({ replies: z.array(StaffReplySchema) }), 'Replies, oldest first.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const followUpRoute = createRoute({
  method: 'patch',
  path: '/messages/{id}/replies/{replyId}',
  tags: ['messages'],
  summary: 'Mark a reply’s follow-up done (or not yet)',
  security,
  ...writers,
  request: { params: idParams.extend({ replyId: z.uuid() }), ...jsonBody(z.object({ followUpDone: z.boolean() }).strict()) },
  responses: { 200: jsonResponse(StaffReplySchema, 'The reply.'), 404: errorResponse('No such message or reply.'), 409: errorResponse('The reply was not flagged for follow-up.'), ...staffErrorResponses },
});

const messageKpisRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/kpis',
  tags: ['messages'],
  summary: 'One message’s KPIs, in total and by ward',
  security,
  ...readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(MessageKpiDetailSchema, 'The KPIs.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

export const staffMessageRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json({ messages: await c.var.deps.repositories.messages.list() }, 200))
  .openapi(createMessageRoute, async (c) => c.json(await createMessage({ repositories: c.var.deps.repositories }, c.req.valid('json'), c.var.principal.username), 201))
  .openapi(kpisRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await kpiReport(c.var.deps.repositories, { level: query.level, ...periods(query) }), 200);
  })
  .openapi(kpiExportRoute, async (c) => {
    const query = c.req.valid('query');
    const { period } = periods(query);
    const { rows, threshold, generatedAt } = await kpiExport(c.var.deps.repositories, { level: query.level, period });
    const sheets = kpiSheets(rows, { period, threshold, generatedAt });
    // The spreadsheet writer (exceljs and its zip code) loads with the first XLSX asked for.
    const stream = query.format === 'csv' ? csvStream(sheets[0]!) : (await import('../exports/xlsx.ts')).xlsxStream(sheets);
    const name = `message-kpis-${query.level}-${generatedAt.slice(0, 10)}.${query.format}`;
    c.var.log.info('message kpis exported', { level: query.level, format: query.format, rows: rows.length });
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'Content-Type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    }) as never;
  })
  .openapi(getMessageRoute, async (c) => c.json(detailOf(await getMessage(c.var.deps.repositories, c.req.valid('param').id)), 200))
  .openapi(updateMessageRoute, async (c) => {
    const { expectedRevision, ...input } = c.req.valid('json');
    return c.json(await updateMessage({ repositories: c.var.deps.repositories }, c.req.valid('param').id, input, expectedRevision), 200);
  })
  .openapi(audienceRoute, async (c) => c.json(await audienceOf(serviceDeps(c), c.req.valid('param').id), 200))
  .openapi(sendRoute, async (c) => {
    const id = c.req.valid('param').id;
    const result = await sendMessage(serviceDeps(c), id, { at: c.req.valid('json').at }, c.var.principal.username);
    c.var.log.info('message send requested', { messageId: id, status: result.message.status, audience: result.audience.total });
    return c.json(result, 202);
  })
  .openapi(previewRoute, async (c) => {
    const message = await getMessage(c.var.deps.repositories, c.req.valid('param').id);
    return c.json(await c.var.deps.messaging.preview(message), 200);
  })
  .openapi(repliesRoute, async (c) => c.json({ replies: await listReplies(c.var.deps.repositories, c.req.valid('param').id) }, 200))
  .openapi(followUpRoute, async (c) => {
    const { id, replyId } = c.req.valid('param');
    return c.json(await setFollowUp({ repositories: c.var.deps.repositories }, id, replyId, c.req.valid('json').followUpDone, c.var.principal.username), 200);
  })
  .openapi(messageKpisRoute, async (c) => c.json(await messageKpis(c.var.deps.repositories, c.req.valid('param').id), 200));

