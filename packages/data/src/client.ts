import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  /** Set for DynamoDB Local; leave unset in AWS. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * Creates the document client. Call once per process (module scope in Lambda) and pass it to
 * the repositories; they never create their own.
 */
export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  // The SDK's standard retry strategy retries throttling, 5xx and network errors on every call;
  // retry.ts retries only what it cannot see (transaction conflicts, unprocessed batch items).
  const config: DynamoDBClientConfig = { region: options.region ?? 'eu-west-2', retryMode: 'standard', maxAttempts: 3 };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // DynamoDB Local accepts any credentials; these are not secrets.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
