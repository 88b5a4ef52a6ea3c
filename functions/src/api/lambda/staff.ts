/**
 * The staff function's Lambda entry point: API Gateway HTTP API (payload v2) → the whole Hono app
 * (API Gateway sends it `/api/staff/*` and the API reference). Dependencies are built once per
 * container, at module scope.
 */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { edgeOnly, loadOriginSecret } from './edge.ts';
import { readEnv } from '../../env.ts';
import { createApp } from '../app.ts';
import { depsFromEnv } from './staff-deps.ts';

const env = readEnv();
const [deps, originSecret] = await Promise.all([depsFromEnv(env), loadOriginSecret(env)]);

const app = handle(createApp(deps));

export const handler = edgeOnly((event: LambdaEvent, context?: LambdaContext) => app(event, context), originSecret);
