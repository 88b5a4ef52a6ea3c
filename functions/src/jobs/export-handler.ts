/**
 * AWS Lambda entry point for exports, invoked asynchronously by the API with
 * `{ type: 'export', id }`. Streams the export file to S3 under `exports/`.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { z } from 'zod';
import { readEnv } from '../env.ts';
import { runExportJob } from '../features/exports/run-export.ts';
import { S3FileStore } from '../files/index.ts';

const env = readEnv();
const repositories = createRepositories({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, tables: { main: env.TABLE_NAME } });
const logger = new Logger({ serviceName: 'wardpulse-export', logLevel: env.POWERTOOLS_LOG_LEVEL });
if (!env.FILES_BUCKET) throw new Error('FILES_BUCKET must be set for the export function');
const files = new S3FileStore(new S3Client({ region: env.AWS_REGION }), env.FILES_BUCKET);

const EventSchema = z.object({ type: z.literal('export'), id: z.string().min(1) });

export async function handler(event: unknown): Promise<void> {
  const job = EventSchema.parse(event);
  await runExportJob({ repositories, files, logger }, job.id);
}
