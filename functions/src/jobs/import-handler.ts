/**
 * AWS Lambda entry point for background imports, invoked asynchronously by the API with
 * `{ type: 'import', id }`. Streams the uploaded file from S3 into DynamoDB.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { z } from 'zod';
import { readEnv } from '../env.ts';
import { S3FileStore } from '../files/index.ts';
import { runImportJob } from '../features/geography/run-import.ts';

const env = readEnv();
const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME } });
const logger = new Logger({ serviceName: 'wardpulse-import', logLevel: env.POWERTOOLS_LOG_LEVEL });
if (!env.FILES_BUCKET) throw new Error('FILES_BUCKET must be set for the import function');
const files = new S3FileStore(new S3Client({ region: env.AWS_REGION }), env.FILES_BUCKET);

const EventSchema = z.object({ type: z.literal('import'), id: z.string().min(1) });

export async function handler(event: unknown): Promise<void> {
  const job = EventSchema.parse(event);
  await runImportJob({ repositories, files, logger }, job.id);
}
