import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, MessageSchema, type Message, type MessageStatus, type SendProgress } from '@wardpulse/domain';
import { isConditionalFailure } from '../conditions.ts';
import { ENTITY, keys } from '../keys.ts';
import { auditItem } from './audit.ts';

export interface MessageRepository {
  /** Stores a new message; 409 if the id is taken. */
  create(message: Message): Promise<void>;
  get(id: string): Promise<Message | null>;
  /** Every message, newest first. */
  list(): Promise<Message[]>;
  /**
   * Replaces a message if `expectedRevision` is current and it is still in one of `editable`
   * states (drafts, by default); otherwise a ConflictError (409) naming which.
   */
  update(next: Message, expectedRevision: number, editable?: readonly MessageStatus[]): Promise<void>;
  /** Records the send job's progress (bumps the revision, so an edit opened before it is refused). */
  updateProgress(id: string, progress: SendProgress): Promise<void>;
  /**
   * Moves a message from one of `from` to `to` only if it is in one of them now: true if it
   * moved, false if it was not (another worker or request got there first). `sentAt` is set
   * when given and not set before (it records when sending began, so a resumed send keeps it);
   * `scheduledFor` is set when given and cleared when moving to any other state.
   */
  setStatus(id: string, from: readonly MessageStatus[], to: MessageStatus, extra?: { sentAt?: string; scheduledFor?: string; actor?: string }): Promise<boolean>;
}

export function createMessageRepository(client: DynamoDBDocumentClient, tableName: string): MessageRepository {
  // GSI1 sorts by creation, which never changes, so progress updates do not rewrite the index key.
  const messageItem = (message: Message) => ({ ...keys.message(message.id), gsi1pk: keys.messagesIndex(), gsi1sk: `${message.createdAt}#${message.id}`, entity: ENTITY.message, ...message });
  const parse = (item: Record<string, unknown>) => {
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...message } = item;
    return MessageSchema.parse(message);
  };

  const repository: MessageRepository = {
    async create(message) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: messageItem(message), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: auditItem({ at: message.createdAt, actor: message.createdBy, action: 'message.created', detail: { messageId: message.id, name: message.title } }) } },
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('A message with this id already exists.', 'message.exists');
        throw error;
      }
    },

    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.message(id), ConsistentRead: true }));
      return Item ? parse(Item) : null;
    },

    async list() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.messagesIndex() }, ScanIndexForward: false, ExclusiveStartKey }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items.map(parse);
    },

    async update(next, expectedRevision, editable = ['draft']) {
      const states = Object.fromEntries(editable.map((status, index) => [`:s${index}`, status]));
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: messageItem(next),
            ConditionExpression: `revision = :expected AND #status IN (${Object.keys(states).join(', ')})`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': expectedRevision, ...states },
          }),
        );
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
        const current = await repository.get(next.id);
        if (current && !editable.includes(current.status)) throw new ConflictError(`This message is ${current.status} and can no longer be edited.`, 'message.not_editable');
        throw new ConflictError('Someone else changed this message since you opened it; reload to see their changes.', 'message.revision_conflict');
      }
    },

    async updateProgress(id, progress) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.message(id),
          UpdateExpression: 'SET progress = :progress, updatedAt = :now ADD revision :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':progress': progress, ':now': new Date().toISOString(), ':one': 1 },
        }),
      );
    },

    async setStatus(id, from, to, extra = {}) {
      if (from.length === 0) return false;
      const now = new Date().toISOString();
      const states = Object.fromEntries(from.map((status, index) => [`:f${index}`, status]));
      const sets = ['#status = :to', 'updatedAt = :now'];
      const values: Record<string, unknown> = { ...states, ':to': to, ':now': now, ':one': 1 };
      if (extra.sentAt) {
        sets.push('sentAt = if_not_exists(sentAt, :sentAt)');
        values[':sentAt'] = extra.sentAt;
      }
      if (extra.scheduledFor) {
        sets.push('scheduledFor = :scheduledFor');
        values[':scheduledFor'] = extra.scheduledFor;
      }
      const remove = to !== 'scheduled' && !extra.scheduledFor ? ' REMOVE scheduledFor' : '';
      const update = {
        TableName: tableName,
        Key: keys.message(id),
        UpdateExpression: `SET ${sets.join(', ')} ADD revision :one${remove}`,
        ConditionExpression: `#status IN (${Object.keys(states).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      };
      try {
        if (extra.actor) {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                { Update: update },
                { Put: { TableName: tableName, Item: auditItem({ at: now, actor: extra.actor, action: `message.${to}`, detail: { messageId: id, ...(extra.scheduledFor ? { scheduledFor: extra.scheduledFor } : {}) } }) } },
              ],
            }),
          );
        } else {
          await client.send(new UpdateCommand(update));
        }
        return true;
      } catch (error) {
        if (isConditionalFailure(error)) return false;
        throw error;
      }
    },
  };
  return repository;
}
