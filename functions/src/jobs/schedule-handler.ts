/**
 * AWS Lambda entry point run each minute by an EventBridge rule: starts every scheduled message
 * whose time has come and starts again every send whose job died without saying so (its progress
 * stopped moving: a timeout, a crash, a failed self-invoke). Both go to the send function.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { readEnv } from '../env.ts';
import { createSendStarter } from '../features/messages/send-job.ts';
import { runScheduler } from '../features/messages/service.ts';
import { LambdaJobDispatcher } from './dispatcher.ts';

const env = readEnv();
const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME } });
const logger = new Logger({ serviceName: 'wardpulse-scheduler', logLevel: env.POWERTOOLS_LOG_LEVEL });
const sender = createSendStarter(new LambdaJobDispatcher(new LambdaClient({ region: env.AWS_REGION }), env.SEND_FUNCTION_NAME ? { send: env.SEND_FUNCTION_NAME } : {}));

export async function handler(): Promise<void> {
  const { started, resumed } = await runScheduler({ repositories, sender });
  if (started.length > 0 || resumed.length > 0) logger.info('scheduler', { started, resumed });
  if (resumed.length > 0) logger.warn('sends had stalled and were started again', { resumed });
}
