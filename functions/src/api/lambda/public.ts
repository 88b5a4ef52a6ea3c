/**
 * The public function's Lambda entry point: API Gateway HTTP API (payload v2) → the residents' Hono
 * app (`createPublicApp`), for every `/api/*` path except `/api/staff/*` and the API reference.
 * Dependencies are built once per container, at module scope.
 */
import { handle } from 'hono/aws-lambda';
import { readEnv } from '../../env.ts';
import { createPublicApp } from '../public-app.ts';
import { publicDepsFromEnv } from './public-deps.ts';

const app = createPublicApp(await publicDepsFromEnv(readEnv()));

export const handler = handle(app);
