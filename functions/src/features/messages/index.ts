/**
 * Community messages, messages & measures half: composing, sending, residents' engagement and
 * the pilot's KPIs. The sign-ups & delivery half plugs in through `./contracts.ts`.
 */
import type { Message } from '@wardpulse/domain';
import type { AudienceService, SendStarter } from './contracts.ts';
import type { RecipientVerifier } from './engagement/identity.ts';

/** What the message routes need besides repositories (`deps.messaging` carries it; see delivery/wiring.ts). */
export interface MessagingDeps {
  audience: AudienceService;
  sender: SendStarter;
  /** `verifyRecipientToken` bound to the link secret. */
  verifyRecipient: RecipientVerifier;
  /** Keys the daily-rotating salt of view hashes. */
  viewSecret: string | Uint8Array;
  /** The e-mail as recipients would get it, for the composer's preview. */
  preview: (message: Message) => Promise<{ html: string; text: string }> | { html: string; text: string };
}

export * from './service.ts';
export * from './engagement/index.ts';
export * from './kpis/index.ts';
export type { AudienceCount, AudienceService, RecipientClaim, SendStarter } from './contracts.ts';
