import { createRoute, z } from '@hono/zod-openapi';
import { ForceSettingsInputSchema, StaffPrincipalSchema } from '@wardpulse/domain';
import { allow, allowAnyStaff } from '../../api/middleware/auth.ts';
import { bearerSecurity, createRouter, errorResponse, staffErrorResponses } from '../../api/router.ts';
import { staffAuditRoutes } from '../audit/staff-routes.ts';

const security = bearerSecurity;

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['staff'],
  summary: 'Who is signed in, and their roles',
  security,
  ...allowAnyStaff,
  responses: {
    200: { description: 'The signed-in member of staff.', content: { 'application/json': { schema: StaffPrincipalSchema.meta({ id: 'StaffPrincipal' }) } } },
    ...staffErrorResponses,
  },
});

const SettingsResponseSchema = ForceSettingsInputSchema.extend({
  version: z.number().int().min(0).openapi({ description: '0 until an administrator first saves settings.' }),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
}).meta({ id: 'ForceSettings' });

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/admin/settings',
  tags: ['admin'],
  summary: "The force's settings",
  security,
  ...allow('admin'),
  responses: {
    200: { description: 'Current settings.', content: { 'application/json': { schema: SettingsResponseSchema } } },
    ...staffErrorResponses,
  },
});

const PutSettingsBodySchema = z
  .object({
    expectedVersion: z.number().int().min(0).openapi({ description: 'The version you read; a stale one is refused with 409.' }),
    settings: ForceSettingsInputSchema,
  })
  .strict()
  .openapi('PutForceSettings');

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/admin/settings',
  tags: ['admin'],
  summary: "Change the force's settings (audited)",
  security,
  ...allow('admin'),
  request: { body: { required: true, content: { 'application/json': { schema: PutSettingsBodySchema } } } },
  responses: {
    200: { description: 'Saved.', content: { 'application/json': { schema: SettingsResponseSchema } } },
    409: errorResponse('Someone else changed the settings since you read them.'),
    422: errorResponse('A setting is out of range; each problem is listed.'),
    ...staffErrorResponses,
  },
});

export const staffApi = createRouter()
  .openapi(meRoute, (c) => c.json(c.var.principal, 200))
  .openapi(getSettingsRoute, async (c) => {
    const settings = await c.var.deps.repositories.settings.get();
    return c.json(settings, 200);
  })
  .openapi(putSettingsRoute, async (c) => {
    const { expectedVersion, settings } = c.req.valid('json');
    const saved = await c.var.deps.repositories.settings.put(settings, c.var.principal.username, expectedVersion);
    c.var.log.info('settings updated', { version: saved.version });
    return c.json(saved, 200);
  })
  .route('/', staffAuditRoutes);
