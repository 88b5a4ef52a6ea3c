import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  CoachingNoteSchema,
  MessageContentSchema,
  MessageSchema,
  MessageTargetingSchema,
  PublicMessageSchema,
  RateLimitedError,
  RatingRequestSchema,
  ReplyRequestSchema,
  ResultLevelSchema,
  ShareRequestSchema,
  ValidationError,
} from '@wardpulse/domain';
import { csvStream } from '../../exports/csv.ts';
import { xlsxStream } from '../../exports/xlsx.ts';
import {
  audienceOf,
  createMessage,
  detailOf,
  getMessage,
  kpiExport,
  kpiReport,
  kpiSheets,
  listReplies,
  MessageKpiDetailSchema,
  MessageKpiReportSchema,
  messageKpis,
  publicMessage,
  rateMessage,
  recordView,
  replyToMessage,
  sendMessage,
  setFollowUp,
  shareMessage,
  updateMessage,
  type EngagementDeps,
  type MessageServiceDeps,
  type Period,
} from '../../messages/index.ts';
import { requireRole } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../router.ts';

const security = bearerSecurity;
const writers = [requireRole('officer', 'admin')];
const readers = [requireRole('analyst', 'officer', 'admin')];
const idParams = z.object({ id: z.uuid() });

const serviceDeps = (c: Context<AppEnv>): MessageServiceDeps => ({ repositories: c.var.deps.repositories, audience: c.var.deps.messaging.audience, sender: c.var.deps.messaging.sender });
const engagementDeps = (c: Context<AppEnv>): EngagementDeps => ({
  repositories: c.var.deps.repositories,
  verifyRecipient: c.var.deps.messaging.verifyRecipient,
  viewSecret: c.var.deps.messaging.viewSecret,
});

function clientAddress(c: Context<AppEnv>): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  const lambda = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event?.requestContext?.http?.sourceIp;
  const node = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return forwarded || lambda || node || 'unknown';
}

/** Ratings, replies and shares one network address may send an hour (homes and mobile networks share addresses). */
const ENGAGEMENTS_PER_HOUR = 240;

async function limitEngagement(c: Context<AppEnv>) {
  const hour = new Date().toISOString().slice(0, 13);
  const key = createHash('sha256').update(`${hour}|msg|${clientAddress(c)}`).digest('base64url').slice(0, 22);
  const limit = await c.var.deps.repositories.rateLimits.consume(key, ENGAGEMENTS_PER_HOUR, 3600);
  if (!limit.allowed) throw new RateLimitedError('A lot has been sent from this network in the last hour. Please try again later.', limit.retryAfterSeconds);
}

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
  middleware: readers,
  responses: { 200: jsonResponse(z.object({ messages: z.array(MessageSchema) }), 'Messages.'), ...staffErrorResponses },
});

const createMessageRoute = createRoute({
  method: 'post',
  path: '/messages',
  tags: ['messages'],
  summary: 'Start a message (a draft): title, the three parts, optional link and image, targeting',
  description: 'Readability is measured and stored with every save; `coaching` is the live coaching on the saved text, `problems` what must be fixed before sending.',
  security,
  middleware: writers,
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
  middleware: readers,
  request: { query: periodQuery },
  responses: { 200: jsonResponse(MessageKpiReportSchema, 'The KPI report.'), 400: errorResponse('A query parameter is malformed.'), 422: errorResponse('A period ends before it starts.'), ...staffErrorResponses },
});

const kpiExportRoute = createRoute({
  method: 'get',
  path: '/messages/kpis/export',
  tags: ['messages'],
  summary: 'The KPI table as CSV or XLSX, with the same disclosure control (counts too)',
  security,
  middleware: readers,
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
  middleware: readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(MessageDetailSchema, 'The message.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const updateMessageRoute = createRoute({
  method: 'put',
  path: '/messages/{id}',
  tags: ['messages'],
  summary: 'Save a draft (a scheduled message goes back to draft)',
  security,
  middleware: writers,
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
  middleware: readers,
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
  middleware: writers,
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
  middleware: readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(z.object({ html: z.string(), text: z.string() }), 'The e-mail.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const repliesRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/replies',
  tags: ['messages'],
  summary: 'Residents’ replies with sentiment and follow-up flags (staff only; never public)',
  security,
  middleware: readers,
  request: { params: idParams },
  responses: { 200: jsonResponse(z.object({ replies: z.array(StaffReplySchema) }), 'Replies, oldest first.'), 404: errorResponse('No such message.'), ...staffErrorResponses },
});

const followUpRoute = createRoute({
  method: 'patch',
  path: '/messages/{id}/replies/{replyId}',
  tags: ['messages'],
  summary: 'Mark a reply’s follow-up done (or not yet)',
  security,
  middleware: writers,
  request: { params: idParams.extend({ replyId: z.uuid() }), ...jsonBody(z.object({ followUpDone: z.boolean() }).strict()) },
  responses: { 200: jsonResponse(StaffReplySchema, 'The reply.'), 404: errorResponse('No such message or reply.'), 409: errorResponse('The reply was not flagged for follow-up.'), ...staffErrorResponses },
});

const messageKpisRoute = createRoute({
  method: 'get',
  path: '/messages/{id}/kpis',
  tags: ['messages'],
  summary: 'One message’s KPIs, in total and by ward',
  security,
  middleware: readers,
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
    const stream = query.format === 'csv' ? csvStream(sheets[0]!) : xlsxStream(sheets);
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

// ---------------------------------------------------------------- public routes (no login, no cookies)

const ViewRequestSchema = z.object({ recipientToken: z.string().max(200).optional(), deviceId: z.uuid().optional() });

const publicMessageRoute = createRoute({
  method: 'get',
  path: '/messages/{id}',
  tags: ['residents'],
  summary: 'A sent message, as residents read it at /m/<id>',
  request: { params: idParams },
  responses: { 200: jsonResponse(PublicMessageSchema.meta({ id: 'PublicMessage' }), 'The message.'), 404: errorResponse('No sent message has that id.') },
});

const engagementResponses = {
  400: errorResponse('Malformed id.'),
  404: errorResponse('No sent message has that id.'),
  409: errorResponse('A different reply or share already used this id.'),
  422: errorResponse('Invalid body; `issues` names each field.'),
  429: errorResponse('Too many from this network; `Retry-After` says when to try again.'),
};

const viewRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/view',
  tags: ['residents'],
  summary: 'Count a view: once per viewer per day, without cookies',
  description: 'The viewer is a salted hash (the salt rotates daily) of the recipient pseudonym, the device id or the client address with the user agent; only the hash is kept, for two days.',
  request: { params: idParams, ...jsonBody(ViewRequestSchema) },
  responses: { 200: jsonResponse(z.object({ counted: z.boolean() }), '`counted` is false when this viewer was already counted today.'), ...engagementResponses },
});

const ratingRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/rating',
  tags: ['residents'],
  summary: 'Rate usefulness 1–5 stars (once per rater; changeable)',
  request: { params: idParams, ...jsonBody(RatingRequestSchema) },
  responses: { 200: jsonResponse(z.object({ stars: z.number(), previous: z.number().nullable(), changed: z.boolean() }), 'Counted (or already counted: `changed: false`).'), ...engagementResponses },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/reply',
  tags: ['residents'],
  summary: 'Reply to the neighbourhood team (never shown publicly)',
  request: { params: idParams, ...jsonBody(ReplyRequestSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), receivedAt: z.string(), replayed: z.boolean() }), 'Received.'),
    200: jsonResponse(z.object({ id: z.string(), receivedAt: z.string(), replayed: z.boolean() }), 'Already received (a retry).'),
    ...engagementResponses,
  },
});

const shareRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/share',
  tags: ['residents'],
  summary: 'Count a share by channel (once per share id)',
  request: { params: idParams, ...jsonBody(ShareRequestSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), replayed: z.boolean() }), 'Counted.'),
    200: jsonResponse(z.object({ id: z.string(), replayed: z.boolean() }), 'Already counted (a retry).'),
    ...engagementResponses,
  },
});

export const publicMessageRoutes = createRouter()
  .openapi(publicMessageRoute, async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(await publicMessage(c.var.deps.repositories, c.req.valid('param').id), 200);
  })
  .openapi(viewRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await recordView(engagementDeps(c), c.req.valid('param').id, c.req.valid('json'), { address: clientAddress(c), userAgent: c.req.header('user-agent') ?? '' });
    return c.json(result, 200);
  })
  .openapi(ratingRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    await limitEngagement(c);
    return c.json(await rateMessage(engagementDeps(c), c.req.valid('param').id, c.req.valid('json')), 200);
  })
  .openapi(replyRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    await limitEngagement(c);
    const receipt = await replyToMessage(engagementDeps(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(receipt, receipt.replayed ? 200 : 201);
  })
  .openapi(shareRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    await limitEngagement(c);
    const receipt = await shareMessage(engagementDeps(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(receipt, receipt.replayed ? 200 : 201);
  });
