import type { PublicEnv } from '../../api/context.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { PublicSettingsSchema } from '@wardpulse/domain';
import { createRouter } from '../../api/router.ts';

const ClientConfigSchema = z
  .object({
    version: z.string(),
    stage: z.string(),
    auth: z.object({
      authority: z.url().openapi({ description: 'OpenID issuer the staff console signs in with (authorization code + PKCE).' }),
      clientId: z.string(),
      scope: z.string(),
    }),
  })
  .openapi('ClientConfig');

const configRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: ['system'],
  summary: 'What the web app needs to start: version and the sign-in issuer',
  responses: { 200: { description: 'Client configuration.', content: { 'application/json': { schema: ClientConfigSchema } } } },
});

const ResidentSettingsSchema = PublicSettingsSchema.extend({
  examplePostcode: z.string().nullable().openapi({ description: 'A live postcode of the force, for "For example, …" hints; null until postcodes are imported.', example: 'B66 1AA' }),
}).meta({ id: 'PublicSettings' });

const publicSettingsRoute = createRoute({
  method: 'get',
  path: '/public/settings',
  tags: ['residents'],
  summary: "The force's public details, shown to residents",
  responses: { 200: { description: 'Public settings.', content: { 'application/json': { schema: ResidentSettingsSchema } } } },
});

export const configRoutes = createRouter<PublicEnv>()
  .openapi(configRoute, (c) => {
    const { config } = c.var.deps;
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ version: config.version, stage: config.stage, auth: { authority: config.oidc.issuer, clientId: config.oidc.clientId, scope: config.oidc.scope } }, 200);
  })
  .openapi(publicSettingsRoute, async (c) => {
    const { settings, geography } = c.var.deps.repositories;
    const [force, examplePostcode] = await Promise.all([settings.get(), geography.examplePostcode()]);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ forceName: force.forceName, examplePostcode }, 200);
  });
