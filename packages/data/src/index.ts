export { TABLE, DEFAULT_TABLE_NAME, type TableDefinition } from './table.ts';
export { CONTACTS_TABLE, DEFAULT_CONTACTS_TABLE_NAME } from './contacts-table.ts';
export { shardOf } from './keys.ts';
export type { DocumentClientOptions } from './client.ts';
export * from './repositories/index.ts';
export { isTransientStorageError } from './retry.ts';
