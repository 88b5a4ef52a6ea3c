/**
 * The residents' half of the WardPulse API, and the middleware both halves share. The public
 * Lambda serves `createPublicApp` alone; `createApp` (./app.ts) mounts the same routes beside the
 * staff ones.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { PublicDeps, PublicEnv } from './context.ts';
import { errorJson, InvalidEncodingError, onError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import { createRouter } from './router.ts';
import { healthRoutes } from '../features/health/public-routes.ts';
import { configRoutes } from '../features/settings/public-routes.ts';
import { publicGeographyRoutes } from '../features/geography/public-routes.ts';
import { publicSurveyRoutes } from '../features/responses/public-routes.ts';
import { publicMessageRoutes } from '../features/messages/public-routes.ts';
import { publicSignupRoutes } from '../features/signups/public-routes.ts';
import { routePath } from 'hono/route';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** RFC 8058: mail clients POST `List-Unsubscribe=One-Click` as a form to the one-click unsubscribe URL. */
const FORM_MEDIA_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i;
const FORM_ROUTES = new Set(['/api/public/unsubscribe']);

/** Request ids and logging, security headers, the body limit and JSON-only bodies: the same for both functions. */
export function createBaseApp<E extends PublicEnv>(deps: E['Variables']['deps']) {
  const app = createRouter<E>();

  app.use('*', async (c, next) => {
    const lambdaRequestId = (c.env as { event?: { requestContext?: { requestId?: string } } } | undefined)?.event?.requestContext?.requestId;
    const requestId = lambdaRequestId ?? c.req.header('x-request-id') ?? randomUUID();
    const log = deps.logger.createChild({ persistentKeys: { requestId } });
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('log', log);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    // The route pattern, not the path: paths can hold postcodes, which are never logged.
    log.info('request', { method: c.req.method, route: routePath(c, -1) || 'unmatched', status: c.res.status, durationMs: Math.round(performance.now() - started) });
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`The request body is larger than the ${Math.round(deps.config.maxBodyBytes / 1024)} KB limit.`);
      },
    }),
  );
  // Every JSON route refuses other bodies up front, rather than validating an empty object, and
  // refuses bytes that are not UTF-8 rather than reading them with replacement characters (which
  // would store a resident's words altered).
  app.use('*', async (c, next) => {
    const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && hasBody) {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const json = JSON_MEDIA_TYPE.test(mediaType);
      if (!json && !(FORM_ROUTES.has(c.req.path) && FORM_MEDIA_TYPE.test(mediaType))) {
        throw new UnsupportedMediaTypeError(`Send the body as application/json (got ${mediaType || 'no Content-Type'}).`);
      }
      // Read once here (Hono keeps it for the route's validator).
      if (json && !isUtf8(await c.req.arrayBuffer())) throw new InvalidEncodingError('The request body is not valid UTF-8 text.');
    }
    await next();
  });

  app.notFound((c) => errorJson(c, 404, { code: 'route.not_found', message: `No route for ${c.req.method} ${c.req.path}.` }));
  app.onError(onError);

  return app;
}

export const mountPublic = <E extends PublicEnv>(app: ReturnType<typeof createBaseApp<E>>) =>
  app
    .route('/api', healthRoutes)
    .route('/api', configRoutes)
    .route('/api/public', publicGeographyRoutes)
    .route('/api/public', publicSurveyRoutes)
    .route('/api/public', publicMessageRoutes)
    .route('/api/public', publicSignupRoutes);

/**
 * The residents' API alone: what the public Lambda serves. It holds no staff code, so its bundle
 * stays small (no exports, disclosure solver, text analysis, S3, Lambda or job clients).
 */
export function createPublicApp(deps: PublicDeps) {
  return mountPublic(createBaseApp<PublicEnv>(deps));
}
