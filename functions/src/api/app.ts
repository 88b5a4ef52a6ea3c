/**
 * The one WardPulse API. The Lambda handler (`lambda.ts`) and the local Node server
 * (`../local/server.ts`) are thin adapters around `createApp`.
 */
import { randomUUID } from 'node:crypto';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './context.ts';
import { errorJson, onError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import { createRouter } from './router.ts';
import { configRoutes } from './routes/config.ts';
import { healthRoutes } from './routes/health.ts';
import { publicGeographyRoutes, staffGeographyRoutes } from './routes/geography.ts';
import { publicSurveyRoutes } from './routes/responses.ts';
import { staffApi } from './routes/staff.ts';
import { surveyRoutes } from './routes/surveys.ts';
import { publicMessageRoutes, staffMessageRoutes } from './routes/messages.ts';
import { publicSignupRoutes, staffSignupRoutes } from './routes/signups.ts';
import { exportRoutes } from './routes/exports.ts';
import { resultRoutes } from './routes/results.ts';
import { requireStaff } from './auth.ts';
import { routePath } from 'hono/route';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** RFC 8058: mail clients POST `List-Unsubscribe=One-Click` as a form to the one-click unsubscribe URL. */
const FORM_MEDIA_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i;
const FORM_ROUTES = new Set(['/api/public/unsubscribe']);

export function createApp(deps: AppDeps) {
  const app = createRouter();

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
  // Every JSON route refuses other bodies up front, rather than validating an empty object.
  app.use('*', async (c, next) => {
    const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && hasBody) {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!JSON_MEDIA_TYPE.test(mediaType) && !(FORM_ROUTES.has(c.req.path) && FORM_MEDIA_TYPE.test(mediaType))) {
        throw new UnsupportedMediaTypeError(`Send the body as application/json (got ${mediaType || 'no Content-Type'}).`);
      }
    }
    await next();
  });

  app.notFound((c) => errorJson(c, 404, { code: 'route.not_found', message: `No route for ${c.req.method} ${c.req.path}.` }));
  app.onError(onError);

  // Every staff route needs a verified token; API Gateway's JWT authorizer checks it in AWS too.
  app.use('/api/staff/*', requireStaff);

  const routes = app
    .route('/api', healthRoutes)
    .route('/api', configRoutes)
    .route('/api/public', publicGeographyRoutes)
    .route('/api/public', publicSurveyRoutes)
    .route('/api/public', publicMessageRoutes)
    .route('/api/public', publicSignupRoutes)
    .route('/api/staff', staffApi)
    .route('/api/staff', staffGeographyRoutes)
    .route('/api/staff', surveyRoutes)
    .route('/api/staff', staffMessageRoutes)
    .route('/api/staff', staffSignupRoutes)
    .route('/api/staff', exportRoutes)
    .route('/api/staff', resultRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OIDC access token from the staff sign-in (Cognito in AWS, the local issuer on one machine).',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'WardPulse API',
      version: deps.config.version,
      description: 'Ward-level surveys and community engagement for UK police forces. Resident routes need no account; staff routes need a bearer token.',
    },
  });
  app.get('/api/docs', Scalar({ url: '/api/openapi.json', pageTitle: 'WardPulse API reference' }));
  return routes;
}

/** The API's type, for the web app's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
