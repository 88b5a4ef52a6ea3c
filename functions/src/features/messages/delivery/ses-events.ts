import { z } from 'zod';

/**
 * SES event publishing (configuration set → SNS) and identity notifications describe bounces and
 * complaints; only these suppress an address. A transient bounce (mailbox full, greylisting) does
 * not: the next message may well arrive.
 */
const RecipientsSchema = z.array(z.object({ emailAddress: z.string() })).default([]);
const SesEventSchema = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: RecipientsSchema }).optional(),
  complaint: z.object({ complainedRecipients: RecipientsSchema }).optional(),
});

export interface Suppression {
  email: string;
  reason: 'bounce' | 'complaint';
}

/** The addresses an SES event says to suppress; none for anything else (deliveries, opens, transient bounces). */
export function suppressionsFromSesEvent(message: unknown): Suppression[] {
  const parsed = SesEventSchema.safeParse(message);
  if (!parsed.success) return [];
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') return event.bounce.bouncedRecipients.map((r) => ({ email: bareAddress(r.emailAddress), reason: 'bounce' }));
  if (type === 'Complaint' && event.complaint) return event.complaint.complainedRecipients.map((r) => ({ email: bareAddress(r.emailAddress), reason: 'complaint' }));
  return [];
}

/** `"Ann" <ann@example.org>` → `ann@example.org`. */
const bareAddress = (address: string) => (/<([^>]+)>/.exec(address)?.[1] ?? address).trim().toLowerCase();
