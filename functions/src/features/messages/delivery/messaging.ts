import type { MailSender } from './mail-sender.ts';
import type { OutboxMailSender } from './outbox-mail-sender.ts';

/** What sign-ups and the send job need besides the repositories. */
export interface MessagingDeps {
  /** The HS256 key of signed links: read at start-up (Secrets Manager in AWS, a generated file locally). */
  linkSecret: Uint8Array;
  /** The web origin e-mail links point at, e.g. `https://wardpulse.example-police.uk`. */
  publicUrl: string;
  mail: MailSender;
  /** A monitored mailbox for `List-Unsubscribe: <mailto:…>`; the header offers only the https link without it. */
  unsubscribeMailto?: string | undefined;
  /** Local only: the on-disk outbox the staff console shows (null in AWS, where the routes answer 404). */
  outbox: OutboxMailSender | null;
  /** Sign-ups one network address may make per hour. */
  signupsPerHour: number;
}

/**
 * Where each signed link in an e-mail points. Page links carry their token in the fragment
 * (`#token=`), which browsers never send, so no token reaches a CloudFront or API Gateway log;
 * the page hands it to the API in a header. The RFC 8058 one-click URL is the exception: mail
 * clients POST to it as it is, so its unsubscribe-only token is in the query.
 */
export function linkBuilder(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const q = (token: string) => `#token=${encodeURIComponent(token)}`;
  return {
    confirm: (token: string) => `${base}/signup/confirm${q(token)}`,
    manage: (token: string) => `${base}/signup/manage${q(token)}`,
    unsubscribePage: (token: string) => `${base}/unsubscribe${q(token)}`,
    unsubscribeOneClick: (token: string) => `${base}/api/public/unsubscribe?token=${encodeURIComponent(token)}`,
    message: (messageId: string, recipientToken: string) => `${base}/m/${encodeURIComponent(messageId)}#r=${encodeURIComponent(recipientToken)}`,
    rate: (messageId: string, recipientToken: string, stars: number) => `${base}/m/${encodeURIComponent(messageId)}#r=${encodeURIComponent(recipientToken)}&rate=${stars}`,
  };
}
