/**
 * The staff function's Lambda entry point: API Gateway HTTP API (payload v2) → the whole Hono app
 * (API Gateway sends it `/api/staff/*` and the API reference). Dependencies are built once per
 * container, at module scope.
 */
import { handle } from 'hono/aws-lambda';
import { readEnv } from '../../env.ts';
import { createApp } from '../app.ts';
import { depsFromEnv } from './staff-deps.ts';

const app = createApp(await depsFromEnv(readEnv()));

export const handler = handle(app);
