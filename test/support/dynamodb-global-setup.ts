/**
 * Integration tests run against AWS's DynamoDB Local, started here on a random port, in memory.
 * If it cannot start (no Java, say), the run stops: there is no fallback to anything else.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '@wardpulse/dev';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
