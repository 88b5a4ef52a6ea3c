/**
 * The public function's Lambda entry point: API Gateway HTTP API (payload v2) → the residents' Hono
 * app (`createPublicApp`), for every `/api/*` path except `/api/staff/*` and the API reference.
 * Only requests that came through CloudFront are answered (edge.ts). Dependencies are built once per container, at module scope.
 */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { edgeOnly, loadOriginSecret } from './edge.ts';
import { readEnv } from '../../env.ts';
import { createPublicApp } from '../public-app.ts';
import { publicDepsFromEnv } from './public-deps.ts';

const env = readEnv();
const [deps, originSecret] = await Promise.all([publicDepsFromEnv(env), loadOriginSecret(env)]);

const app = handle(createPublicApp(deps));

export const handler = edgeOnly((event: LambdaEvent, context?: LambdaContext) => app(event, context), originSecret);
