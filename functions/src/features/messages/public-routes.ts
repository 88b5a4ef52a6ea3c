import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PublicMessageSchema, RatingRequestSchema, ReplyRequestSchema, ShareRequestSchema } from '@wardpulse/domain';
import { publicMessage, rateMessage, recordView, replyToMessage, shareMessage, type EngagementDeps } from './index.ts';
import type { PublicEnv } from '../../api/context.ts';
import { clientAddress, limitPerAddress } from '../../api/middleware/rate-limit.ts';
import { createRouter, errorResponse, jsonBody, jsonResponse } from '../../api/router.ts';

const idParams = z.object({ id: z.uuid() });

const engagementDeps = (c: Context<PublicEnv>): EngagementDeps => ({
  repositories: c.var.deps.repositories,
  verifyRecipient: c.var.deps.messaging.verifyRecipient,
  viewSecret: c.var.deps.messaging.viewSecret,
});


/** Ratings, replies and shares one network address may send an hour (homes and mobile networks share addresses). */
const ENGAGEMENTS_PER_HOUR = 240;

/** Views one network address may record an hour: each is one write, so a loop cannot fill the table. */
const VIEWS_PER_HOUR = 600;

const limitEngagement = (c: Context<PublicEnv>) => limitPerAddress(c, 'message', ENGAGEMENTS_PER_HOUR, 'A lot has been sent from this network in the last hour. Please try again later.');

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

export const publicMessageRoutes = createRouter<PublicEnv>()
  .openapi(publicMessageRoute, async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(await publicMessage(c.var.deps.repositories, c.req.valid('param').id), 200);
  })
  .openapi(viewRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    await limitPerAddress(c, 'view', VIEWS_PER_HOUR, 'A lot of views have been counted from this network in the last hour; the message is still there to read.');
    const result = await recordView(engagementDeps(c), c.req.valid('param').id, c.req.valid('json'), { address: clientAddress(c, c.var.deps.config.trustedProxyHops), userAgent: c.req.header('user-agent') ?? '' });
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
