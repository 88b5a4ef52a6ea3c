export { TABLE, DEFAULT_TABLE_NAME, type TableDefinition } from './table.ts';
export { CONTACTS_TABLE, DEFAULT_CONTACTS_TABLE_NAME } from './contacts-table.ts';
export { keys, ENTITY, AGGREGATE_SHARDS } from './keys.ts';
export { createDocumentClient, type DocumentClientOptions } from './client.ts';
export * from './repositories/index.ts';
