/** The delivery adapter: Amazon SES v2 in AWS, an on-disk outbox on one machine. */

import { lazyOnce } from '../../../lazy.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers: Record<string, string>;
  /** Labels the provider returns with bounce and complaint events (SES message tags); never personal data. */
  tags?: Record<string, string>;
}

export interface MailSender {
  /**
   * Hands one e-mail to the provider. Resolves once it has accepted it. Rejects with a MailError;
   * unless its kind is `uncertain`, a rejection means the provider certainly did not take it.
   */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * - `throttled`  not taken; try again later (the provider's rate or quota)
 * - `rejected`   not taken, and never will be for this recipient (bad address, refused content)
 * - `fatal`      not taken, and nothing will be until someone fixes the account or configuration
 * - `uncertain`  no answer came back (network, timeout): the provider may or may not have taken it
 */
export type MailFailureKind = 'throttled' | 'rejected' | 'fatal' | 'uncertain';

export class MailError extends Error {
  override readonly name = 'MailError';

  constructor(
    readonly kind: MailFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A sender whose provider client is loaded on the first e-mail, not at cold start: most requests
 * a function serves send none (the SES client is 60 KB of bundle the residents' API would
 * otherwise load for every survey answer). A failed load is retried on the next e-mail.
 */
export function lazyMailSender(load: () => Promise<MailSender>): MailSender {
  const sender = lazyOnce(load);
  return {
    async send(mail) {
      const loaded = await sender().catch((error: unknown) => {
        throw new MailError('fatal', 'The e-mail provider’s client could not be loaded', { cause: error });
      });
      return loaded.send(mail);
    },
  };
}
