/**
 * AWS Lambda entry point for SES bounce and complaint events: configuration set → SNS topic →
 * here. Each hard bounce or complaint suppresses the address (and takes it off the counters).
 * Idempotent, so SNS redelivering an event changes nothing.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { createRepositories } from '@wardpulse/data';
import { readEnv } from '../env.ts';
import { suppressAddress } from '../features/signups/service.ts';
import { suppressionsFromSesEvent } from '../features/messages/delivery/ses-events.ts';

const env = readEnv();
const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME, contacts: env.CONTACTS_TABLE_NAME } });
const logger = new Logger({ serviceName: 'wardpulse-bounces', logLevel: env.POWERTOOLS_LOG_LEVEL });

export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      logger.warn('SNS message is not JSON; ignored', { messageId: record.Sns.MessageId });
      continue;
    }
    for (const { email, reason } of suppressionsFromSesEvent(message)) {
      const found = await suppressAddress(repositories, email, reason);
      // Never log the address: the reason and whether it was signed up are enough.
      logger.info('address suppressed', { reason, signedUp: found });
    }
  }
}
