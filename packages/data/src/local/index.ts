export { assertJava, ensureTable, freePort, JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
