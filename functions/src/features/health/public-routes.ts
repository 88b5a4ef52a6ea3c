import type { PublicEnv } from '../../api/context.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, ErrorBodySchema } from '../../api/router.ts';

const DependencySchema = z.object({ ok: z.boolean(), latencyMs: z.number().optional(), reason: z.string().optional() });

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    stage: z.string(),
    dynamodb: DependencySchema,
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Whether the API and its table answer',
  responses: {
    200: { description: 'The API and DynamoDB answer.', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'DynamoDB did not answer.',
      content: { 'application/json': { schema: ErrorBodySchema.extend({ status: z.literal('degraded'), version: z.string(), dynamodb: DependencySchema }) } },
    },
  },
});

export const healthRoutes = createRouter<PublicEnv>().openapi(route, async (c) => {
  const { config, repositories } = c.var.deps;
  const dynamodb = await repositories.health.ping();
  if (!dynamodb.ok) {
    c.var.log.warn('health check failed', { dynamodb });
    return c.json(
      {
        error: { code: 'service.unavailable', message: 'DynamoDB did not answer the health probe.' },
        status: 'degraded' as const,
        version: config.version,
        dynamodb,
      },
      503,
    );
  }
  return c.json({ status: 'ok' as const, version: config.version, stage: config.stage, dynamodb }, 200);
});
