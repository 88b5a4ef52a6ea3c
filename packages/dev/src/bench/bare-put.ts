import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The floor a benchmark compares a write path with: one conditional PutItem of one item, on the
 * client the repositories use (`createRepositories({ instrument })` hands it over).
 */
export async function conditionalPut(client: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
}
