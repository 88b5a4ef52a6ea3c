/**
 * The background send of one message: resolves the audience, then for each recipient records a
 * delivery (and counts them in the message's ward aggregates) before handing the e-mail to the
 * provider. Batched, rate-limited, resumable, and each recipient is sent at most once:
 *
 * 1. record  `queued` delivery + `recipients` ADD, one transaction (a recipient already recorded
 *            is skipped: counted exactly once whatever is rerun);
 * 2. claim   `queued` → `sending` (a conditional write: one worker wins);
 * 3. send    then `sent`; a definite refusal → `failed` (and off `recipients`); a definite "not
 *            now" (throttled, account paused, a crash the sender reports) → back to `queued` and
 *            the job stops, so a rerun sends it; no answer at all → `unknown`, never resent.
 *
 * A rerun after a crash sends every `queued` record and every recipient not yet recorded. A
 * record left `sending` by a worker that died mid-call is ambiguous (the provider may have taken
 * it): once older than `staleAfterMs` it becomes `unknown` and is not resent. That is the
 * at-most-once choice the issue asks for; the window is one provider call per crashed worker.
 * Likewise an e-mail the provider accepted whose `sent` could not be recorded stays `sending`
 * (the job stops, resumable), never back to `queued`.
 *
 * A job that died without saying so (timeout, crash, a failed self-invoke) leaves its message
 * `sending` with progress that no longer moves: `resumeStalledSends` (run each minute with the
 * scheduler) starts it again.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Delivery, Repositories, StoredContact } from '@wardpulse/data';
import type { Message, MessageStatus, SendProgress } from '@wardpulse/domain';
import { resolveAudience } from './audience.ts';
import type { SendStarter } from './contracts.ts';
import { MailError, type MailFailureKind } from './delivery/mail-sender.ts';
import { linkBuilder, type MessagingDeps } from './delivery/messaging.ts';
import { renderMessageMail, unsubscribeHeaders } from './delivery/templates.ts';
import { signContactToken, signRecipientToken } from './tokens.ts';

/** What the job needs from the messages repository (owned by messages & measures). */
export interface SendJobMessages {
  get(id: string): Promise<Message | null>;
  updateProgress(id: string, progress: SendProgress): Promise<void>;
  setStatus(id: string, from: readonly MessageStatus[], to: MessageStatus, extra?: { sentAt?: string }): Promise<boolean>;
}

export interface SendJobOptions {
  /**
   * E-mails per second across the job; 0 = no limit (benchmarks). The default, 14, is the rate
   * SES grants an account when it leaves the sandbox; raise it with the account's quota.
   */
  ratePerSecond?: number;
  /** Recipients recorded per transaction (at most 25). */
  batchSize?: number;
  /** E-mails in flight at once within a batch. */
  concurrency?: number;
  /** A `sending` record older than this is taken to be from a worker that died mid-call. */
  staleAfterMs?: number;
  /** Throttled e-mails are retried this many times with back-off before the job stops. */
  throttleRetries?: number;
  /** Asked between batches: true to stop now and be started again (a Lambda near its timeout). */
  shouldPause?: () => boolean;
  /** The clock for records and staleness (tests move it on). */
  now?: () => Date;
}

export interface SendJobDeps {
  repositories: Repositories;
  messages: SendJobMessages;
  messaging: Pick<MessagingDeps, 'linkSecret' | 'publicUrl' | 'mail' | 'unsubscribeMailto'>;
  logger: Logger;
  options?: SendJobOptions;
}

export type SendOutcome = 'sent' | 'paused' | 'failed' | 'skipped';

export const SEND_DEFAULTS = { ratePerSecond: 14, batchSize: 25, concurrency: 4, staleAfterMs: 5 * 60_000, throttleRetries: 5 } as const;

/** The job stops: the provider will take nothing now. The e-mail in hand was certainly not sent. */
class StopSending extends Error {
  constructor(
    readonly kind: MailFailureKind,
    options: { cause: unknown },
  ) {
    super(`sending stopped (${kind})`, options);
  }
}

/** The provider accepted an e-mail but recording it failed: the job stops; the e-mail is never resent. */
class SentButNotRecorded extends Error {
  constructor(
    readonly providerMessageId: string,
    options: { cause: unknown },
  ) {
    super(`an e-mail was sent (${providerMessageId}) but could not be recorded`, options);
  }
}

/** Spaces calls `1 / rate` seconds apart, whichever worker makes them. */
function pacer(ratePerSecond: number) {
  if (!(ratePerSecond > 0)) return { acquire: async () => undefined };
  const interval = 1000 / ratePerSecond;
  let next = 0;
  return {
    async acquire() {
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + interval;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts sends through the job dispatcher (async Lambda in AWS, in-process locally). */
export function createSendStarter(jobs: { dispatch(job: { type: 'send'; id: string }): Promise<void> }): SendStarter {
  return { start: (messageId) => jobs.dispatch({ type: 'send', id: messageId }) };
}

/**
 * Sends (or resumes sending) one message. Safe to run twice at once or again after any crash.
 * Returns `paused` when `shouldPause` asked it to stop early: start it again to carry on.
 */
export async function runSendJob(deps: SendJobDeps, messageId: string): Promise<SendOutcome> {
  const { repositories, messages, messaging } = deps;
  const options = { ...SEND_DEFAULTS, ...deps.options };
  const now = options.now ?? (() => new Date());
  const log = deps.logger.createChild({ persistentKeys: { sendJob: messageId } });

  const message = await messages.get(messageId);
  if (!message) {
    log.warn('send job: no such message');
    return 'skipped';
  }
  if (message.status === 'scheduled' && message.scheduledFor && Date.parse(message.scheduledFor) > now().getTime()) {
    log.info('send job: not due yet', { scheduledFor: message.scheduledFor });
    return 'skipped';
  }
  if (!(await messages.setStatus(messageId, ['scheduled', 'sending', 'failed'], 'sending'))) {
    log.info('send job: message is not waiting to be sent', { status: message.status });
    return 'skipped';
  }

  const progress: SendProgress = { audience: 0, sent: 0, failed: 0, suppressed: 0 };
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const saveProgress = (force = false) => {
    const at = performance.now();
    if (!force && at - lastWrite < 1_000) return writing;
    lastWrite = at;
    const snapshot = { ...progress };
    writing = writing.then(() => messages.updateProgress(messageId, snapshot)).catch((error: unknown) => log.warn('send progress not saved', { error }));
    return writing;
  };

  try {
    const [settings, audience, vintage] = await Promise.all([repositories.settings.get(), resolveAudience(repositories, message.targeting), repositories.geography.currentVintage()]);
    const wardNames = new Map(vintage ? (await repositories.geography.listWards(vintage)).map((ward) => [ward.code, ward.name]) : []);
    const existing = new Map<string, Delivery>();
    for await (const page of repositories.deliveries.list(messageId)) for (const delivery of page) existing.set(delivery.contactId, delivery);

    // Recipients in audience order, then anyone recorded earlier who has left the audience since.
    const inAudience = new Set(audience.recipients.map((r) => r.contactId));
    const work = [...audience.recipients, ...[...existing.values()].filter((d) => !inAudience.has(d.contactId)).map((d) => ({ contactId: d.contactId, wardCode: d.wardCode }))];
    progress.audience = work.length;
    progress.suppressed = audience.suppressed;
    for (const delivery of existing.values()) {
      if (delivery.state === 'sent') progress.sent++;
      else if (delivery.state === 'failed' || delivery.state === 'unknown') progress.failed++;
    }
    await saveProgress(true);

    const secret = messaging.linkSecret;
    const links = linkBuilder(messaging.publicUrl);
    const gate = pacer(options.ratePerSecond);

    const compose = async (contact: StoredContact, delivery: Delivery) => {
      const [recipientToken, unsubscribeToken, manageToken] = await Promise.all([
        signRecipientToken(secret, { messageId, wardCode: delivery.wardCode, rater: delivery.rater }),
        signContactToken(secret, 'unsubscribe', contact.id),
        signContactToken(secret, 'manage', contact.id),
      ]);
      const rendered = renderMessageMail({
        message,
        forceName: settings.forceName,
        wardName: wardNames.get(delivery.wardCode) ?? delivery.wardCode,
        topics: contact.topics,
        links: {
          page: links.message(messageId, recipientToken),
          rate: (stars) => links.rate(messageId, recipientToken, stars),
          manage: links.manage(manageToken),
          unsubscribe: links.unsubscribePage(unsubscribeToken),
        },
      });
      return { to: contact.email, ...rendered, headers: unsubscribeHeaders(links.unsubscribeOneClick(unsubscribeToken), messaging.unsubscribeMailto), tags: { message: messageId.replace(/[^\w-]/g, '_').slice(0, 256) } };
    };

    /** Claims, sends and records one e-mail. Throws StopSending when the provider takes nothing now. */
    const deliver = async (contact: StoredContact, delivery: Delivery) => {
      const attemptedAt = now().toISOString();
      if (!(await repositories.deliveries.claim(messageId, contact.id, attemptedAt))) return;
      if (contact.status !== 'active') {
        await repositories.deliveries.markFailed(delivery, `contact ${contact.status}`, attemptedAt);
        progress.failed++;
        return;
      }
      const mail = await compose(contact, delivery);
      for (let attempt = 0; ; attempt++) {
        await gate.acquire();
        let providerMessageId: string;
        try {
          ({ messageId: providerMessageId } = await messaging.mail.send(mail));
        } catch (error) {
          // Anything but a MailError comes from a sender that failed before handing the e-mail over.
          const kind: MailFailureKind = error instanceof MailError ? error.kind : 'fatal';
          if (kind === 'throttled' && attempt < options.throttleRetries) {
            await sleep(Math.min(30_000, 500 * 2 ** attempt * (1 + Math.random())));
            continue;
          }
          if (kind === 'rejected') {
            await repositories.deliveries.markFailed(delivery, error instanceof Error ? error.message.slice(0, 200) : 'rejected', now().toISOString());
            progress.failed++;
            return;
          }
          if (kind === 'uncertain') {
            await repositories.deliveries.markUnknown(messageId, contact.id, attemptedAt, 'no answer from the provider');
            progress.failed++;
            return;
          }
          await repositories.deliveries.release(messageId, contact.id);
          throw new StopSending(kind, { cause: error });
        }
        // The provider has the e-mail. If "sent" cannot be recorded now, the record stays `sending`
        // (never released to `queued`), so no rerun sends it again: it turns `unknown` once stale.
        try {
          await repositories.deliveries.markSent(messageId, contact.id, providerMessageId, now().toISOString());
        } catch (error) {
          throw new SentButNotRecorded(providerMessageId, { cause: error });
        }
        progress.sent++;
        return;
      }
    };

    for (let start = 0; start < work.length; start += options.batchSize) {
      if (options.shouldPause?.()) {
        await saveProgress(true);
        log.info('send job paused; it will be started again', { ...progress });
        return 'paused';
      }
      const batch = work.slice(start, start + options.batchSize);
      const contacts = await repositories.contacts.getMany(batch.map((member) => member.contactId));
      const queuedAt = now().toISOString();

      // Not yet recorded: record those still active, each once (a concurrent run may have won some).
      const fresh: Delivery[] = [];
      for (const member of batch) {
        if (existing.has(member.contactId)) continue;
        const contact = contacts.get(member.contactId);
        if (contact?.status === 'active') {
          fresh.push({ messageId, contactId: member.contactId, wardCode: member.wardCode, rater: randomBytes(12).toString('base64url'), state: 'queued', queuedAt });
        } else {
          // Unsubscribed, deleted or suppressed since the audience was read: not a recipient after all.
          progress.audience--;
          if (contact?.status === 'suppressed') progress.suppressed++;
        }
      }
      const recorded = fresh.length > 0 ? await repositories.deliveries.record(fresh) : [];

      const toSend: [StoredContact | undefined, Delivery][] = recorded.map((delivery) => [contacts.get(delivery.contactId), delivery]);
      for (const member of batch) {
        const delivery = existing.get(member.contactId);
        if (delivery?.state === 'queued') toSend.push([contacts.get(member.contactId), delivery]);
        if (delivery?.state === 'sending' && delivery.attemptedAt && now().getTime() - Date.parse(delivery.attemptedAt) >= options.staleAfterMs) {
          if (await repositories.deliveries.markUnknown(messageId, member.contactId, delivery.attemptedAt, 'interrupted')) progress.failed++;
        }
      }

      let next = 0;
      // The first error stops every worker of the batch before the job gives up (and can be resumed).
      let stop: { error: unknown } | undefined;
      const worker = async () => {
        while (!stop && next < toSend.length) {
          const [contact, delivery] = toSend[next++]!;
          try {
            if (contact) await deliver(contact, delivery);
            else if (await repositories.deliveries.claim(messageId, delivery.contactId, now().toISOString())) {
              await repositories.deliveries.markFailed(delivery, 'contact deleted', now().toISOString());
              progress.failed++;
            }
          } catch (error) {
            stop ??= { error };
          }
          void saveProgress();
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, toSend.length) }, worker));
      if (stop) throw stop.error;
    }

    await saveProgress(true);
    // `sentAt` is when sending began (set by "send now" or the scheduler); only a message without one gets the finish time.
    await messages.setStatus(messageId, ['sending'], 'sent', { sentAt: message.sentAt ?? now().toISOString() });
    log.info('message sent', { ...progress });
    return 'sent';
  } catch (error) {
    await saveProgress(true);
    if (error instanceof StopSending) log.error('sending stopped; start the send again to resume', { kind: error.kind, error: error.cause });
    else if (error instanceof SentButNotRecorded) log.error('an e-mail was sent but not recorded; it will not be sent again; start the send again to resume', { providerMessageId: error.providerMessageId, error: error.cause });
    else log.error('send job failed; start the send again to resume', { error });
    await messages.setStatus(messageId, ['sending'], 'failed');
    return 'failed';
  }
}
