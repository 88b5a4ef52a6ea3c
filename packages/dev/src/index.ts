/**
 * Everything that exists only on one machine: the local stack (DynamoDB Local, the local OpenID
 * issuer, the Hono app on Node), demo data and synthetic generators. Production code never imports it.
 */
export { startLocalStack, type LocalStack, type LocalStackOptions } from './local/stack.ts';
export { startLocalIssuer, LOCAL_CLIENT_ID, type LocalIssuer } from './local/oidc-issuer.ts';
export { startLocalServer } from './local/server.ts';
export { assertJava, ensureTable, ensureTables, freePort, JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './local/dynamodb-local.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/accounts.ts';
export { seedDemoData } from './demo/seed.ts';
export { conditionalPut } from './bench/bare-put.ts';
export { random } from './demo/random.ts';
export { writeSyntheticResponses, type SyntheticResponseOptions } from './demo/synthetic-responses.ts';
