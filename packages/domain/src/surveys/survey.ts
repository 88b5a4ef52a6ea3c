import { z } from 'zod';
import { VintageSchema } from '../geography.ts';
import { LocaleSchema, TextSchema } from './i18n.ts';

const TranslatedLocaleSchema = LocaleSchema.exclude(['en']);
import { QuestionSchema } from './questions.ts';

/**
 * A survey belongs to a *series* (e.g. "Impact Area customer survey") and a *wave* (1, 2, …).
 * Officers edit a draft; publishing freezes an immutable *version*. Editing a published survey
 * starts a new draft version; responses always name the exact version they answered.
 */
export const SurveyKindSchema = z.enum(['priorities', 'impact-area', 'custom']);
export type SurveyKind = z.infer<typeof SurveyKindSchema>;

export const SurveyStatusSchema = z.enum(['draft', 'published', 'closed']);
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>;

export const TargetingSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('force') }),
  z.object({ scope: z.literal('districts'), codes: z.array(z.string()).min(1) }),
  z.object({ scope: z.literal('areas'), ids: z.array(z.string()).min(1) }),
  z.object({ scope: z.literal('wards'), codes: z.array(z.string()).min(1) }),
]);
export type Targeting = z.infer<typeof TargetingSchema>;

export const SlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, 'Use 3–60 lower-case letters, digits and hyphens.');

/** What an officer edits. */
export const SurveyContentSchema = z.object({
  title: TextSchema,
  intro: TextSchema.optional(),
  thanks: TextSchema.optional(),
  locales: z.array(LocaleSchema).min(1).refine((l) => l.includes('en'), 'English must be one of the languages.'),
  questions: z.array(QuestionSchema).min(1).max(80),
  /**
   * Per language, per string key (see `sourceStrings`), a fingerprint of the English each
   * translation was written or reviewed against: a mismatch means the English was reworded since.
   */
  translatedFrom: z.partialRecord(TranslatedLocaleSchema, z.record(z.string().max(120), z.string().max(16))).optional(),
});
export type SurveyContent = z.infer<typeof SurveyContentSchema>;
export type SurveyContentInput = z.input<typeof SurveyContentSchema>;

export const SurveySettingsSchema = z.object({
  kind: SurveyKindSchema,
  seriesId: SlugSchema,
  wave: z.number().int().min(1).max(99),
  slug: SlugSchema,
  targeting: TargetingSchema,
  opensAt: z.iso.datetime().optional(),
  closesAt: z.iso.datetime().optional(),
});
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

export const SurveySchema = SurveySettingsSchema.extend({
  id: z.string().min(1),
  status: SurveyStatusSchema,
  /** The version residents answer now (0 before first publication). */
  publishedVersion: z.number().int().min(0),
  /** The version being edited (publishedVersion + 1 while a draft exists). */
  draftVersion: z.number().int().min(1).nullable(),
  draft: SurveyContentSchema.nullable(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  /** Bumped on every write; a stale edit is refused with 409. */
  revision: z.number().int().min(1),
});
export type Survey = z.infer<typeof SurveySchema>;

/** An immutable published version: what residents answer and what results key on. */
export const SurveyVersionSchema = z.object({
  surveyId: z.string().min(1),
  version: z.number().int().min(1),
  kind: SurveyKindSchema,
  seriesId: SlugSchema,
  wave: z.number().int().min(1),
  slug: SlugSchema,
  targeting: TargetingSchema,
  content: SurveyContentSchema,
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  /** The boundary vintage responses to this version are collected against. */
  boundaryVintage: VintageSchema.nullable(),
  opensAt: z.iso.datetime().optional(),
  closesAt: z.iso.datetime().optional(),
  retentionDays: z.number().int().min(1),
});
export type SurveyVersion = z.infer<typeof SurveyVersionSchema>;

/** Whether residents can answer this version at `now`, and if not, why. */
export function openState(survey: Pick<Survey, 'status' | 'publishedVersion'>, version: Pick<SurveyVersion, 'opensAt' | 'closesAt'>, now = new Date()): { open: true } | { open: false; reason: string; code: string } {
  if (survey.status === 'closed') return { open: false, code: 'survey.closed', reason: 'This survey has closed. Thank you for your interest.' };
  if (survey.publishedVersion === 0) return { open: false, code: 'survey.unpublished', reason: 'This survey has not been published yet.' };
  if (version.opensAt && now < new Date(version.opensAt)) return { open: false, code: 'survey.not_open_yet', reason: `This survey opens on ${version.opensAt.slice(0, 10)}.` };
  if (version.closesAt && now >= new Date(version.closesAt)) return { open: false, code: 'survey.closed', reason: 'This survey has closed. Thank you for your interest.' };
  return { open: true };
}
