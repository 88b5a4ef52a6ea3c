import { z } from 'zod';

/** One entry in the administrators' audit trail. Entries are append-only. */
export const AuditEventSchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime(),
  actor: z.string().min(1),
  action: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
