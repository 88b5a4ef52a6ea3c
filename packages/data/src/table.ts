/**
 * The one DynamoDB table, defined once. Imported by the CDK data stack *and* by the local
 * bootstrap (DynamoDB Local), so the two cannot drift. No imports: CDK loads this file as is.
 */

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface GlobalIndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

export interface TableDefinition {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalIndexes: GlobalIndexDefinition[];
  /** Epoch-seconds attribute DynamoDB uses to expire items (raw responses past retention). */
  timeToLiveAttribute: string;
}

export const TABLE: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** The name used when none is configured (local development and tests). */
export const DEFAULT_TABLE_NAME = 'wardpulse';
