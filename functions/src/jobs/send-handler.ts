/**
 * AWS Lambda entry point for sending a community message, invoked asynchronously by the API with
 * `{ type: 'send', id }`. Stops a minute before its timeout and invokes itself again (by the name
 * Lambda gives it) to carry on: the job is resumable, so an audience of any size gets sent.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createRepositories } from '@wardpulse/data';
import { z } from 'zod';
import { readEnv } from '../env.ts';
import { messagingFromEnv } from '../features/messages/delivery/from-env.ts';
import { runSendJob } from '../features/messages/send-job.ts';
import { LambdaJobDispatcher } from './dispatcher.ts';

const env = readEnv();
const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME, contacts: env.CONTACTS_TABLE_NAME } });
const logger = new Logger({ serviceName: 'wardpulse-send', logLevel: env.POWERTOOLS_LOG_LEVEL });
const messaging = await messagingFromEnv(env);
const lambda = new LambdaClient({ region: env.AWS_REGION });

const EventSchema = z.object({ type: z.literal('send'), id: z.string().min(1) });

export async function handler(event: unknown, context: Context): Promise<void> {
  const job = EventSchema.parse(event);
  const outcome = await runSendJob(
    {
      repositories,
      messages: repositories.messages,
      messaging,
      logger,
      options: { ratePerSecond: env.SEND_RATE_PER_SECOND, shouldPause: () => context.getRemainingTimeInMillis() < 60_000 },
    },
    job.id,
  );
  if (outcome === 'paused') await new LambdaJobDispatcher(lambda, { send: context.functionName }).dispatch(job);
}
