import { z } from 'zod';

/**
 * Force-wide settings an administrator controls. Stored as one item; every change is audited.
 */
export const ForceSettingsSchema = z.object({
  forceName: z.string().trim().min(2).max(120),
  /** Days a raw response is kept before it expires (aggregates are kept). */
  retentionDays: z.number().int().min(30).max(3650),
  /** Cells and areas with fewer respondents than this are suppressed in results. */
  disclosureThreshold: z.number().int().min(3).max(100),
});
export type ForceSettings = z.infer<typeof ForceSettingsSchema>;

export const ForceSettingsInputSchema = ForceSettingsSchema.strict();
export type ForceSettingsInput = z.infer<typeof ForceSettingsInputSchema>;

export const StoredForceSettingsSchema = ForceSettingsSchema.extend({
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  version: z.number().int().min(1),
});
export type StoredForceSettings = z.infer<typeof StoredForceSettingsSchema>;

/** What a fresh install starts with, before an administrator changes anything. */
export const DEFAULT_FORCE_SETTINGS: ForceSettings = {
  forceName: 'Demo Constabulary (demo data)',
  retentionDays: 730,
  disclosureThreshold: 10,
};

/** The part of the settings residents may see. */
export const PublicSettingsSchema = ForceSettingsSchema.pick({ forceName: true });
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;
