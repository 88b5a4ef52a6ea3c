/**
 * The one WardPulse API, split by audience: `createPublicApp` (residents: surveys, responses,
 * postcodes and wards, message engagement, sign-ups) runs in the small public Lambda;
 * `createApp` (everything, with staff routes behind `requireStaff`) runs in the staff Lambda, which
 * API Gateway sends `/api/staff/*` and the API reference to, and on one machine
 * (`@wardpulse/dev`'s local server) where one Node server serves both.
 */
import { Scalar } from '@scalar/hono-api-reference';
import type { AppDeps, AppEnv } from './context.ts';
import { createBaseApp, mountPublic } from './public-app.ts';
import { requireStaff } from './middleware/auth.ts';
import { staffApi } from '../features/settings/staff-routes.ts';
import { staffGeographyRoutes } from '../features/geography/staff-routes.ts';
import { surveyRoutes } from '../features/surveys/staff-routes.ts';
import { staffMessageRoutes } from '../features/messages/staff-routes.ts';
import { staffSignupRoutes } from '../features/signups/staff-routes.ts';
import { exportRoutes } from '../features/exports/staff-routes.ts';
import { resultRoutes } from '../features/results/staff-routes.ts';

export { createPublicApp } from './public-app.ts';

/** Every route: staff routes (behind `requireStaff`) and the residents' ones, with the OpenAPI document. */
export function createApp(deps: AppDeps) {
  const app = createBaseApp<AppEnv>(deps);
  // Every staff route needs a verified token; API Gateway's JWT authorizer checks it in AWS too.
  app.use('/api/staff/*', requireStaff);

  const routes = mountPublic(app)
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
  // The reference page loads Scalar's script from a CDN: no third-party script on the staff origin
  // of a real force, so it is served only on one machine and in the dev stage. The OpenAPI document
  // itself is always there, for any viewer a developer runs locally.
  if (DOCS_STAGES.has(deps.config.stage)) app.get('/api/docs', Scalar({ url: '/api/openapi.json', pageTitle: 'WardPulse API reference' }));
  return routes;
}

/** Stages that serve the browsable API reference (`/api/docs`). */
const DOCS_STAGES = new Set(['local', 'test', 'dev']);

/** The API's type, for the web app's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
