import type { MessageTargeting, SendProgress } from '@wardpulse/domain';

/**
 * The seams between the two halves of community messages:
 * - sign-ups & delivery (`./signups`, `./delivery`, `./send-job.ts`, `./tokens.ts`) own personal data,
 *   audiences and sending;
 * - messages & measures (`./service.ts`, `./engagement`, `./kpis`) own message content, residents'
 *   ratings/replies/shares/views and the pilot's KPIs.
 * Neither reaches into the other's storage except through these interfaces.
 */

/** Who a message would reach: counted before sending, per ward (no personal data). */
export interface AudienceCount {
  total: number;
  byWard: Record<string, number>;
}

export interface AudienceService {
  count(targeting: MessageTargeting): Promise<AudienceCount>;
}

/**
 * What a signed recipient link (`/m/<id>?r=<token>`) proves: this message was delivered to a
 * resident of this ward. `rater` is a random pseudonym per message × recipient, so ratings count
 * once per recipient without engagement data ever naming a contact.
 */
export interface RecipientClaim {
  messageId: string;
  wardCode: string;
  rater: string;
}

/** Starts (or resumes) the background send of a message; idempotent per message × recipient. */
export interface SendStarter {
  start(messageId: string): Promise<void>;
}

/** What the send job needs from the messages repository. */
export interface MessageSendState {
  progress: SendProgress;
}
