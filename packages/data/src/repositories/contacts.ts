import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ContactSchema, ContactStatusSchema, TopicSchema, type Contact, type ContactStatus, type Topic } from '@wardpulse/domain';
import { z } from 'zod';
import { isConditionalFailure } from '../conditions.ts';
import { CONTACT_ENTITY, contactKeys } from '../contacts-table.ts';
import { countersOf } from '../items.ts';
import { ENTITY, keys } from '../keys.ts';
import { drainUnprocessed } from '../retry.ts';

/** A contact as stored: the domain record plus the revision every change is conditioned on. */
export interface StoredContact extends Contact {
  revision: number;
}

/** One ward a contact chose, as the audience queries see it: no address, just status and topics. */
export interface WardMembership {
  contactId: string;
  wardCode: string;
  status: ContactStatus;
  topics: Topic[];
}

/** Counters of one ward's active sign-ups: `active` and `t#<topic>`. */
export type SignupCounters = Record<string, number>;

export interface SaveOptions {
  /** Epoch seconds after which DynamoDB forgets the contact (unconfirmed or unsubscribed); unset = kept. */
  expiresAt?: number | undefined;
}

export interface ContactRepository {
  get(id: string): Promise<StoredContact | null>;
  /** The contact signed up with this address (any case), if any. */
  byEmail(email: string): Promise<StoredContact | null>;
  /** Contacts by id (missing ones are left out), for the send job's batches. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredContact>>;
  /**
   * Stores a new contact, its e-mail claim and its ward memberships in one transaction.
   * ConflictError (`signup.exists`) when the address is already signed up.
   */
  create(contact: Contact, options?: SaveOptions): Promise<StoredContact>;
  /**
   * Replaces a contact, its memberships (added, changed, removed) and the active sign-up counters
   * of the main table in one transaction, if nobody changed it since `previous` was read.
   * ConflictError (`signup.changed`) otherwise.
   */
  save(previous: StoredContact, next: Contact, options?: SaveOptions): Promise<StoredContact>;
  /** Deletes the contact, its e-mail claim and memberships, and takes it off the counters. */
  delete(previous: StoredContact): Promise<void>;
  /** Every contact that chose a ward (any status), page by page. */
  wardMembers(wardCode: string): AsyncGenerator<WardMembership[]>;
  /** Active sign-ups by ward (from the main table's counters; no personal data). */
  signupCounts(): Promise<Map<string, SignupCounters>>;
}

/** The hex SHA-256 of the lower-cased address: how an address is looked up without a scan. */
export const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** What an active contact adds to each of its wards' counters; other statuses add nothing. */
function contribution(contact: Pick<Contact, 'status' | 'wardCodes' | 'topics'> | null): Map<string, SignupCounters> {
  const counters = new Map<string, SignupCounters>();
  if (!contact || contact.status !== 'active') return counters;
  for (const ward of new Set(contact.wardCodes)) {
    counters.set(ward, { active: 1, ...Object.fromEntries([...new Set(contact.topics)].map((topic) => [`t#${topic}`, 1])) });
  }
  return counters;
}

/** next − previous, per ward, leaving out zeros. */
function counterDeltas(previous: Map<string, SignupCounters>, next: Map<string, SignupCounters>): Map<string, SignupCounters> {
  const deltas = new Map<string, SignupCounters>();
  for (const ward of new Set([...previous.keys(), ...next.keys()])) {
    const before = previous.get(ward) ?? {};
    const after = next.get(ward) ?? {};
    const delta: SignupCounters = {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const change = (after[name] ?? 0) - (before[name] ?? 0);
      if (change !== 0) delta[name] = change;
    }
    if (Object.keys(delta).length > 0) deltas.set(ward, delta);
  }
  return deltas;
}

const MembershipItemSchema = z.object({ contactId: z.string(), wardCode: z.string(), status: ContactStatusSchema, topics: z.array(TopicSchema) });


export function createContactRepository(client: DynamoDBDocumentClient, contactsTable: string, mainTable: string): ContactRepository {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const expired = (item: Record<string, unknown>) => typeof item.expiresAt === 'number' && item.expiresAt <= nowSeconds();

  const parse = (item: Record<string, unknown>): StoredContact => {
    const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, emailHash: _h, revision, ...contact } = item;
    return { ...ContactSchema.parse(contact), revision: Number(revision) };
  };

  const contactItem = (contact: Contact, revision: number, expiresAt: number | undefined) => ({
    ...contactKeys.contact(contact.id),
    entity: CONTACT_ENTITY.contact,
    ...contact,
    email: contact.email.trim().toLowerCase(),
    emailHash: emailHash(contact.email),
    revision,
    ...(expiresAt ? { expiresAt } : {}),
  });

  const emailItem = (contact: Contact, expiresAt: number | undefined) => ({
    ...contactKeys.email(emailHash(contact.email)),
    entity: CONTACT_ENTITY.email,
    contactId: contact.id,
    ...(expiresAt ? { expiresAt } : {}),
  });

  const membershipPuts = (contact: Contact, expiresAt: number | undefined) =>
    [...new Set(contact.wardCodes)].map((wardCode) => ({
      Put: {
        TableName: contactsTable,
        Item: {
          ...contactKeys.membership(wardCode, contact.id),
          entity: CONTACT_ENTITY.membership,
          contactId: contact.id,
          wardCode,
          status: contact.status,
          topics: contact.topics,
          ...(expiresAt ? { expiresAt } : {}),
        },
      },
    }));

  const counterUpdates = (deltas: Map<string, SignupCounters>) =>
    [...deltas].map(([ward, delta]) => {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':entity': ENTITY.signupCounts };
      const parts = Object.entries(delta).map(([name, value], index) => {
        names[`#c${index}`] = name;
        values[`:c${index}`] = value;
        return `#c${index} :c${index}`;
      });
      return {
        Update: {
          TableName: mainTable,
          Key: keys.signupCounts(ward),
          UpdateExpression: `SET entity = :entity, wardCode = :ward ADD ${parts.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':ward': ward },
        },
      };
    });

  const repository: ContactRepository = {
    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: contactsTable, Key: contactKeys.contact(id), ConsistentRead: true }));
      return Item && !expired(Item) ? parse(Item) : null;
    },

    async byEmail(email) {
      const { Item } = await client.send(new GetCommand({ TableName: contactsTable, Key: contactKeys.email(emailHash(email)), ConsistentRead: true }));
      if (!Item || expired(Item)) return null;
      return repository.get(String(Item.contactId));
    },

    async getMany(ids) {
      const found = new Map<string, StoredContact>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        const keysOfGroup: Record<string, unknown>[] = unique.slice(i, i + 100).map((id) => contactKeys.contact(id));
        await drainUnprocessed(
          keysOfGroup,
          async (pending) => {
            const result = await client.send(new BatchGetCommand({ RequestItems: { [contactsTable]: { Keys: pending, ConsistentRead: true } } }));
            for (const item of result.Responses?.[contactsTable] ?? []) {
              if (!expired(item)) found.set(String(item.id), parse(item));
            }
            return (result.UnprocessedKeys?.[contactsTable]?.Keys ?? []) as Record<string, unknown>[];
          },
          'keys',
        );
      }
      return found;
    },

    async create(contact, options = {}) {
      const { expiresAt } = options;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: contactsTable, Item: contactItem(contact, 1, expiresAt), ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: contactsTable,
                  Item: emailItem(contact, expiresAt),
                  // A claim left by a forgotten sign-up that TTL has not swept yet does not count.
                  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
                  ExpressionAttributeValues: { ':now': nowSeconds() },
                },
              },
              ...membershipPuts(contact, expiresAt),
              ...counterUpdates(counterDeltas(new Map(), contribution(contact))),
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('This address is already signed up.', 'signup.exists');
        throw error;
      }
      return { ...contact, revision: 1 };
    },

    async save(previous, next, options = {}) {
      if (next.id !== previous.id || next.email.toLowerCase() !== previous.email.toLowerCase()) throw new Error('save() cannot change a contact’s id or address');
      const { expiresAt } = options;
      const revision = previous.revision + 1;
      const kept = new Set(next.wardCodes);
      const removed = [...new Set(previous.wardCodes)].filter((ward) => !kept.has(ward));
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: contactsTable,
                  Item: contactItem(next, revision, expiresAt),
                  ConditionExpression: 'revision = :revision',
                  ExpressionAttributeValues: { ':revision': previous.revision },
                },
              },
              { Put: { TableName: contactsTable, Item: emailItem(next, expiresAt) } },
              ...membershipPuts(next, expiresAt),
              ...removed.map((ward) => ({ Delete: { TableName: contactsTable, Key: contactKeys.membership(ward, next.id) } })),
              ...counterUpdates(counterDeltas(contribution(previous), contribution(next))),
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('This sign-up changed while you were editing it; open the link again.', 'signup.changed');
        throw error;
      }
      return { ...next, revision };
    },

    async delete(previous) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: contactsTable, Key: contactKeys.contact(previous.id), ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': previous.revision } } },
              { Delete: { TableName: contactsTable, Key: contactKeys.email(emailHash(previous.email)), ConditionExpression: 'attribute_not_exists(pk) OR contactId = :id', ExpressionAttributeValues: { ':id': previous.id } } },
              ...[...new Set(previous.wardCodes)].map((ward) => ({ Delete: { TableName: contactsTable, Key: contactKeys.membership(ward, previous.id) } })),
              ...counterUpdates(counterDeltas(contribution(previous), new Map())),
            ],
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new ConflictError('This sign-up changed while you were deleting it; open the link again.', 'signup.changed');
        throw error;
      }
    },

    async *wardMembers(wardCode) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: contactsTable,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
            ExpressionAttributeValues: { ':pk': contactKeys.wardMembers(wardCode), ':c': 'C#' },
            ExclusiveStartKey,
          }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
        yield (page.Items ?? []).filter((item) => !expired(item)).map((item) => MembershipItemSchema.parse(item));
      } while (ExclusiveStartKey);
    },

    async signupCounts() {
      const counts = new Map<string, SignupCounters>();
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: mainTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.signupCounts('').pk }, ExclusiveStartKey }),
        );
        for (const item of page.Items ?? []) {
          const ward = String(item.sk).slice('WARD#'.length);
          counts.set(ward, countersOf(item));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return counts;
    },
  };
  return repository;
}

