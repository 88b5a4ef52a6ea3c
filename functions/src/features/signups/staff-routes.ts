import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { NotFoundError } from '@wardpulse/domain';
import { maskEmail, signupCountsReport, suppressAddress } from './index.ts';
import { allow } from '../../api/middleware/auth.ts';
import type { AppEnv } from '../../api/context.ts';
import { bearerSecurity, createRouter, errorResponse, jsonBody, jsonResponse, staffErrorResponses } from '../../api/router.ts';

const security = bearerSecurity;



// ---------------------------------------------------------------- staff

const CountCellSchema = z.object({ count: z.number().int().min(0), belowThreshold: z.boolean() });

const SignupCountsSchema = z
  .object({
    threshold: z.number().int().openapi({ description: 'The force’s disclosure threshold; counts 0 < n < threshold are flagged, not withheld (internal figures).' }),
    vintage: z.string().nullable(),
    wards: z.array(
      z.object({
        wardCode: z.string(),
        wardName: z.string(),
        districtCode: z.string(),
        districtName: z.string(),
        active: CountCellSchema,
        topics: z.record(z.string(), CountCellSchema),
      }),
    ),
  })
  .meta({ id: 'SignupCounts' });

const countsRoute = createRoute({
  method: 'get',
  path: '/signups/counts',
  tags: ['messages'],
  summary: 'Active sign-ups by ward and topic',
  security,
  ...allow('officer', 'analyst', 'admin'),
  responses: { 200: jsonResponse(SignupCountsSchema, 'Every live ward, with small counts flagged.'), ...staffErrorResponses },
});

const OutboxEntrySchema = z.object({ file: z.string(), to: z.string(), subject: z.string(), date: z.string() }).meta({ id: 'OutboxEntry' });

const outboxRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['messages'],
  summary: 'Local only: the e-mails the outbox holds, newest first',
  description: 'On one machine e-mails go to `.eml` files instead of SES. Addresses are masked except for administrators. 404 in AWS.',
  security,
  ...allow('officer', 'admin'),
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: jsonResponse(z.object({ mails: z.array(OutboxEntrySchema) }), 'Recent e-mails.'), 404: errorResponse('No outbox: this is not a local stack.'), ...staffErrorResponses },
});

const outboxMailRoute = createRoute({
  method: 'get',
  path: '/outbox/{file}',
  tags: ['messages'],
  summary: 'Local only: one e-mail of the outbox, headers and both bodies',
  security,
  ...allow('officer', 'admin'),
  request: { params: z.object({ file: z.string().max(80) }) },
  responses: {
    200: jsonResponse(OutboxEntrySchema.extend({ headers: z.record(z.string(), z.string()), text: z.string(), html: z.string() }).meta({ id: 'OutboxMail' }), 'The e-mail.'),
    404: errorResponse('No such e-mail, or no outbox.'),
    ...staffErrorResponses,
  },
});

const bounceRoute = createRoute({
  method: 'post',
  path: '/outbox/bounce',
  tags: ['messages'],
  summary: 'Local only: simulate a bounce or complaint from the provider',
  description: 'Does what the SES event handler does in AWS: the address is suppressed and gets nothing more.',
  security,
  ...allow('admin'),
  request: jsonBody(z.object({ email: z.email(), type: z.enum(['bounce', 'complaint']) }).meta({ id: 'SimulatedBounce' })),
  responses: { 200: jsonResponse(z.object({ suppressed: z.boolean() }), '`suppressed: false` when the address is not signed up.'), 404: errorResponse('No outbox: this is not a local stack.'), ...staffErrorResponses },
});

function outboxOf(c: Context<AppEnv>) {
  const { outbox } = c.var.deps.messaging;
  if (!outbox) throw new NotFoundError('The outbox exists only on a local stack; in AWS e-mails go through Amazon SES.', 'outbox.not_local');
  return outbox;
}

export const staffSignupRoutes = createRouter()
  .openapi(countsRoute, async (c) => c.json(await signupCountsReport(c.var.deps.repositories), 200))
  .openapi(outboxRoute, async (c) => {
    const admin = c.var.principal.roles.includes('admin');
    const mails = await outboxOf(c).list(c.req.valid('query').limit);
    return c.json({ mails: mails.map((mail) => (admin ? mail : { ...mail, to: maskEmail(mail.to) })) }, 200);
  })
  .openapi(bounceRoute, async (c) => {
    outboxOf(c);
    const { email, type } = c.req.valid('json');
    return c.json({ suppressed: await suppressAddress(c.var.deps.repositories, email, type) }, 200);
  })
  .openapi(outboxMailRoute, async (c) => {
    const mail = await outboxOf(c).read(c.req.valid('param').file);
    if (!mail) throw new NotFoundError('No e-mail with that name in the outbox.', 'outbox.not_found');
    if (c.var.principal.roles.includes('admin')) return c.json(mail, 200);
    return c.json({ ...mail, to: maskEmail(mail.to), headers: { ...mail.headers, ...(mail.headers.to ? { to: maskEmail(mail.to) } : {}) } }, 200);
  });
