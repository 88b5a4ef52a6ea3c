export { assertJava, ensureTable, ensureTables, freePort, JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
