/**
 * A local stack of a browser-test file's own (its own DynamoDB Local, seeded with the demo force),
 * for files whose data would change what other files see, or whose assertions other files' data
 * could change. The global setup has already built the web app into web/dist.
 */
import { fileURLToPath } from 'node:url';
import { startLocalStack, type LocalStack } from '@wardpulse/dev';

export function startOwnStack(): Promise<LocalStack> {
  return startLocalStack({ webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)), logLevel: 'SILENT', submissionsPerHour: 1000 });
}
