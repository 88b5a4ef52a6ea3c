import { z } from 'zod';

/**
 * Force-wide settings an administrator controls. Stored as one item; every change is audited.
 */
/** Each setting's allowed range, and the one plain-English sentence every way of breaking it gets. */
export const SETTING_LIMITS = {
  forceName: { min: 2, max: 120, message: 'Force or PCC name must be from 2 to 120 characters long.' },
  retentionDays: { min: 30, max: 3650, message: 'Retention days must be a whole number from 30 to 3650.' },
  disclosureThreshold: { min: 3, max: 100, message: 'Disclosure threshold must be a whole number from 3 to 100.' },
} as const;

const wholeNumber = ({ min, max, message }: { min: number; max: number; message: string }) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

export const ForceSettingsSchema = z.object({
  forceName: z
    .string({ error: SETTING_LIMITS.forceName.message })
    .trim()
    .min(SETTING_LIMITS.forceName.min, { error: SETTING_LIMITS.forceName.message })
    .max(SETTING_LIMITS.forceName.max, { error: SETTING_LIMITS.forceName.message }),
  /** Days a raw response is kept before it expires (aggregates are kept). */
  retentionDays: wholeNumber(SETTING_LIMITS.retentionDays),
  /** Cells and areas with fewer respondents than this are suppressed in results. */
  disclosureThreshold: wholeNumber(SETTING_LIMITS.disclosureThreshold),
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
