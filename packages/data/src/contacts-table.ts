/**
 * The contacts table: residents' e-mail addresses and everything tied to them, kept apart from
 * the engagement data in the main table. Defined once, imported by the CDK data stack *and* the
 * local bootstrap. No runtime imports: CDK loads this file as is.
 *
 * Items (every key is built here):
 * - contact          `CONTACT#<id>` / `CONTACT`        the sign-up: address, wards, topics, status
 * - e-mail claim     `EMAIL#<sha256>` / `EMAIL`         one per address, so a sign-up is unique and
 *                                                       found by address with a consistent read
 * - ward membership  `WARD#<code>` / `C#<contactId>`    status + topics, for audience queries
 * - delivery         `DELIVERY#<messageId>` / `C#<id>`  one per message × recipient (idempotency);
 *                                                       holds no address, only the random contact id
 */
import type { TableDefinition } from './table.ts';

export const CONTACTS_TABLE: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  // Every access pattern is a key lookup or a partition query; an index would only copy addresses.
  globalIndexes: [],
  /** Unconfirmed and unsubscribed sign-ups are forgotten after a while (see `signups/service.ts`). */
  timeToLiveAttribute: 'expiresAt',
};

/** The name used when none is configured (local development); tests use `<main table>-contacts`. */
export const DEFAULT_CONTACTS_TABLE_NAME = 'wardpulse-contacts';

export const CONTACT_ENTITY = {
  contact: 'Contact',
  email: 'EmailClaim',
  membership: 'WardMembership',
  delivery: 'Delivery',
} as const;

export const contactKeys = {
  contact: (id: string) => ({ pk: `CONTACT#${id}`, sk: 'CONTACT' }),
  /** `hash` is the hex SHA-256 of the lower-cased address (`emailHash` in signups). */
  email: (hash: string) => ({ pk: `EMAIL#${hash}`, sk: 'EMAIL' }),
  wardMembers: (wardCode: string) => `WARD#${wardCode}`,
  membership: (wardCode: string, contactId: string) => ({ pk: `WARD#${wardCode}`, sk: `C#${contactId}` }),
  deliveries: (messageId: string) => `DELIVERY#${messageId}`,
  delivery: (messageId: string, contactId: string) => ({ pk: `DELIVERY#${messageId}`, sk: `C#${contactId}` }),
};
