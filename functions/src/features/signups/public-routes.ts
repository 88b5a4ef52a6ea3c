import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ContactStatusSchema, SignupRequestSchema, TopicSchema } from '@wardpulse/domain';
import { confirmSignup, deleteSignup, getSignup, previewConfirmation, requestSignup, unsubscribe, unsubscribeInfo, updateSignup, type SignupContext } from './index.ts';
import type { PublicEnv } from '../../api/context.ts';
import { limitPerAddress } from '../../api/middleware/rate-limit.ts';
import { BadRequestError, createRouter, errorResponse, jsonBody, jsonResponse } from '../../api/router.ts';


const signupContext = (c: Context<PublicEnv>): SignupContext => ({ repositories: c.var.deps.repositories, messaging: c.var.deps.messaging, log: c.var.log });


// ---------------------------------------------------------------- residents (no account)

/**
 * E-mail links carry their token in the URL fragment (`/signup/manage#token=…`), which browsers
 * never send, and the page sends it to the API in this header: CloudFront and API Gateway log
 * every URL, and a token in one would let anyone reading the logs act as the resident.
 */
export const LINK_TOKEN_HEADER = 'x-link-token';
const LinkToken = z.string().min(20).max(2000).openapi({ description: 'The signed token from the e-mail link (its `#token=` fragment).' });
const TokenHeaderSchema = z.object({ [LINK_TOKEN_HEADER]: LinkToken });
/**
 * RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the URL in the header,
 * so that URL must carry its token. It is the one token in a URL, and can only unsubscribe (a
 * purpose-bound token: confirm/manage tokens are refused here). The web page sends the header.
 */
const OneClickQuerySchema = z.object({ token: LinkToken.optional() });
const OneClickHeaderSchema = z.object({ [LINK_TOKEN_HEADER]: LinkToken.optional() });
const linkToken = (c: Context<PublicEnv>): string => c.req.header(LINK_TOKEN_HEADER) ?? '';

const SignupSettingsSchema = z
  .object({
    email: z.string().openapi({ description: 'Masked (`a***@example.org`) except on the manage link.' }),
    status: ContactStatusSchema,
    wardCodes: z.array(z.string()),
    wards: z.array(z.object({ code: z.string(), name: z.string(), districtName: z.string() })),
    topics: z.array(TopicSchema),
  })
  .meta({ id: 'SignupSettings' });

const SignupChangeSchema = z
  .object({
    postcode: z.string().trim().max(10).optional(),
    wardCodes: z.array(z.string()).max(20).optional(),
    topics: z.array(TopicSchema).min(1, 'Choose at least one topic.'),
  })
  .refine((s) => Boolean(s.postcode) || (s.wardCodes?.length ?? 0) > 0, { message: 'Give a postcode or choose at least one ward.', path: ['wardCodes'] })
  .meta({ id: 'SignupChange' });

const linkErrors = {
  400: errorResponse('The link is missing, expired, already used or not valid; `error.code` says which (`link.*`).'),
  404: errorResponse('No sign-up for this link any more (deleted, or never confirmed and forgotten).'),
};

const signupRoute = createRoute({
  method: 'post',
  path: '/signups',
  tags: ['residents'],
  summary: 'Sign up for community messages (double opt-in)',
  description:
    'Stores a `pending` sign-up and e-mails a confirmation link; nothing else is sent until it is confirmed. The postcode is only used to find the ward and is never kept. The answer is the same whether or not the address was already signed up.',
  request: jsonBody(SignupRequestSchema.meta({ id: 'SignupRequest' })),
  responses: {
    202: jsonResponse(z.object({ status: z.literal('pending'), message: z.string() }), 'Check your inbox.'),
    422: errorResponse('An unknown ward, an unrecognised postcode or a missing choice; `issues` names each.'),
    429: errorResponse('Too many sign-ups from this network; `Retry-After` says when to try again.'),
    503: errorResponse('The confirmation e-mail could not be sent just now.'),
  },
});

const previewConfirmRoute = createRoute({
  method: 'get',
  path: '/signups/confirm',
  tags: ['residents'],
  summary: 'What a confirmation link would confirm (changes nothing)',
  description: 'Safe for mail scanners that follow links: only the POST confirms.',
  request: { headers: TokenHeaderSchema },
  responses: { 200: jsonResponse(SignupSettingsSchema, 'The choices the link carries.'), ...linkErrors },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/signups/confirm',
  tags: ['residents'],
  summary: 'Confirm a sign-up: it becomes active and is counted',
  description: 'Idempotent. A link issued before a later change (an unsubscribe, a newer sign-up e-mail) is refused with `link.used`.',
  request: { headers: TokenHeaderSchema },
  responses: { 200: jsonResponse(SignupSettingsSchema.extend({ manageToken: z.string() }), 'Active, with a token for the manage page.'), ...linkErrors },
});

const getMeRoute = createRoute({
  method: 'get',
  path: '/signups/me',
  tags: ['residents'],
  summary: 'My sign-up, from the manage link in every message',
  request: { headers: TokenHeaderSchema },
  responses: { 200: jsonResponse(SignupSettingsSchema, 'Address, areas, topics and status.'), ...linkErrors },
});

const putMeRoute = createRoute({
  method: 'put',
  path: '/signups/me',
  tags: ['residents'],
  summary: 'Change my areas and topics',
  request: { headers: TokenHeaderSchema, ...jsonBody(SignupChangeSchema) },
  responses: { 200: jsonResponse(SignupSettingsSchema, 'Saved.'), 422: errorResponse('An unknown ward or postcode, or no topic.'), ...linkErrors },
});

const deleteMeRoute = createRoute({
  method: 'delete',
  path: '/signups/me',
  tags: ['residents'],
  summary: 'Delete my data',
  description: 'Deletes the address, areas and topics. Records of which messages were delivered keep only a random id that no longer leads to anyone.',
  request: { headers: TokenHeaderSchema },
  responses: { 200: jsonResponse(z.object({ deleted: z.literal(true) }), 'Deleted.'), ...linkErrors },
});

const unsubscribeInfoRoute = createRoute({
  method: 'get',
  path: '/unsubscribe',
  tags: ['residents'],
  summary: 'What an unsubscribe link would stop (changes nothing)',
  description: 'RFC 8058: a GET never unsubscribes, because mail scanners follow links. The page then POSTs.',
  request: { query: OneClickQuerySchema, headers: OneClickHeaderSchema },
  responses: { 200: jsonResponse(SignupSettingsSchema, 'The sign-up (address masked).'), ...linkErrors },
});

const unsubscribeRoute = createRoute({
  method: 'post',
  path: '/unsubscribe',
  tags: ['residents'],
  summary: 'One-click unsubscribe (RFC 8058 `List-Unsubscribe-Post`)',
  description:
    'Mail clients POST `List-Unsubscribe=One-Click` (form-encoded) to the URL in the `List-Unsubscribe` header; the web page POSTs with no body. No login; idempotent; an address we no longer hold answers `unsubscribed` too.',
  request: { query: OneClickQuerySchema, headers: OneClickHeaderSchema },
  responses: { 200: jsonResponse(z.object({ status: ContactStatusSchema }), 'Unsubscribed (or already suppressed).'), 400: linkErrors[400] },
});

export const publicSignupRoutes = createRouter<PublicEnv>()
  .openapi(signupRoute, async (c) => {
    const request = c.req.valid('json');
    await limitPerAddress(c, 'signup', c.var.deps.messaging.signupsPerHour, 'You have made a lot of sign-ups from this network in the last hour. Please try again later.');
    const answer = { status: 'pending' as const, message: 'Check your e-mail: we have sent a link to confirm your sign-up. Nothing else is sent until you confirm.' };
    if (request.website) {
      // Honeypot filled in: answer as if accepted so the bot learns nothing, and store nothing.
      c.var.log.warn('honeypot sign-up discarded');
      return c.json(answer, 202);
    }
    await requestSignup(signupContext(c), request);
    return c.json(answer, 202);
  })
  .openapi(previewConfirmRoute, async (c) => c.json(await previewConfirmation(signupContext(c), linkToken(c)), 200))
  .openapi(confirmRoute, async (c) => c.json(await confirmSignup(signupContext(c), linkToken(c)), 200))
  .openapi(getMeRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await getSignup(signupContext(c), linkToken(c)), 200);
  })
  .openapi(putMeRoute, async (c) => c.json(await updateSignup(signupContext(c), linkToken(c), c.req.valid('json')), 200))
  .openapi(deleteMeRoute, async (c) => {
    await deleteSignup(signupContext(c), linkToken(c));
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(unsubscribeInfoRoute, async (c) => c.json(await unsubscribeInfo(signupContext(c), oneClickToken(c.req.valid('header'), c.req.valid('query'))), 200))
  .openapi(unsubscribeRoute, async (c) => c.json(await unsubscribe(signupContext(c), oneClickToken(c.req.valid('header'), c.req.valid('query'))), 200));

/** The unsubscribe routes take the page's header, or the one-click URL's `?token=`. */
function oneClickToken(header: z.infer<typeof OneClickHeaderSchema>, query: z.infer<typeof OneClickQuerySchema>): string {
  const token = header[LINK_TOKEN_HEADER] ?? query.token;
  if (token) return token;
  const message = `Send the token from the e-mail link in the ${LINK_TOKEN_HEADER} header (or, for one-click unsubscribe, as ?token=).`;
  throw new BadRequestError(message, [{ path: ['header', LINK_TOKEN_HEADER], message }]);
}

