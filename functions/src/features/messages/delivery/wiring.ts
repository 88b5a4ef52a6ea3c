import { createHmac } from 'node:crypto';
import type { Repositories } from '@wardpulse/data';
import type { Message } from '@wardpulse/domain';
import { createAudienceService } from '../audience.ts';
import type { MessagingDeps as MessageRouteDeps } from '../index.ts';
import { createSendStarter } from '../send-job.ts';
import { verifyRecipientToken } from '../tokens.ts';
import { linkBuilder, type MessagingDeps } from './messaging.ts';
import { renderMessageMail } from './templates.ts';

/** Both halves of community messages, as the app's deps carry them (`deps.messaging`). */
export type AppMessaging = MessagingDeps & MessageRouteDeps & { addressKey: Uint8Array };

/** What resident routes need: sign-up e-mail and links, recipient-token checks and the view-hash key. */
export type PublicMessaging = MessagingDeps &
  Pick<MessageRouteDeps, 'verifyRecipient' | 'viewSecret'> & {
    /** The key of per-address rate-limit hashes (`limitPerAddress`). */
    addressKey: Uint8Array;
  };

/** The resident function's half: no audiences, sending or previews (those need staff grants). */
export function wirePublicMessaging(base: MessagingDeps): PublicMessaging {
  return {
    ...base,
    verifyRecipient: (token) => verifyRecipientToken(base.linkSecret, token),
    // A key of its own for view hashes, derived so it never equals the link-signing key.
    viewSecret: createHmac('sha256', base.linkSecret).update('wardpulse:view-hash-salt').digest(),
    addressKey: createHmac('sha256', base.linkSecret).update('wardpulse:address-hash').digest(),
  };
}

/**
 * Joins the delivery side (mail, link secret, outbox) with what the message routes need from it:
 * audience counts, the send starter, recipient-token checks, the view-hash key and the e-mail
 * preview. The Lambda, the local stack and the tests all build `deps.messaging` through this.
 */
export function wireMessaging(base: MessagingDeps, repositories: Repositories, jobs: { dispatch(job: { type: 'send'; id: string }): Promise<void> }): AppMessaging {
  const links = linkBuilder(base.publicUrl);
  return {
    ...wirePublicMessaging(base),
    audience: createAudienceService(repositories),
    sender: createSendStarter(jobs),
    preview: async (message: Message) => {
      const settings = await repositories.settings.get();
      const sample = 'preview';
      const { html, text } = renderMessageMail({
        message,
        forceName: settings.forceName,
        wardName: 'your ward',
        topics: message.targeting.topics,
        links: { page: links.message(message.id, sample), rate: (stars) => links.rate(message.id, sample, stars), manage: links.manage(sample), unsubscribe: links.unsubscribePage(sample) },
      });
      return { html, text };
    },
  };
}
