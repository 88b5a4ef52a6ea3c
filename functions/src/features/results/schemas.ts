import { z } from 'zod';
import { ResultLevelSchema, ShareCellSchema, SuppressionReasonSchema, SurveyStatusSchema } from '@wardpulse/domain';

/** What `GET …/results/text` returns: themes, redacted quotes and sentiment of one free-text question in one unit. */
export const TextInsightsSchema = z
  .object({
    questionId: z.string(),
    unit: z.object({ level: ResultLevelSchema, code: z.string(), name: z.string() }),
    /** Texts read: at most the 2,000 most recent. */
    textsRead: z.number().int().min(0),
    /** True when there were more texts than were read. */
    truncated: z.boolean(),
    /**
     * Key phrases most texts mention, grouped over plurals and spelling, each with the number and
     * share (95 % Wilson interval) of the texts read that mention it and up to two redacted
     * examples, newest first; null when the unit's base for the question is withheld.
     */
    themes: z
      .array(
        z.object({
          phrase: z.string(),
          count: z.number().int().min(0),
          share: z.number().min(0).max(1),
          lower: z.number().min(0).max(1),
          upper: z.number().min(0).max(1),
          forms: z.array(z.string()),
          examples: z.array(z.string()),
        }),
      )
      .nullable(),
    /** Up to five quotes with personal details redacted; null when withheld (see `withheld`). */
    quotes: z.array(z.string()).nullable(),
    withheld: z.object({ reason: z.union([SuppressionReasonSchema, z.literal('empty')]), message: z.string() }).nullable(),
    /** The unit's sentiment figures from the aggregates (the same as on the results page). */
    sentiment: z.object({ positive: ShareCellSchema, neutral: ShareCellSchema, negative: ShareCellSchema, meanScore: z.number().nullable() }).nullable(),
  })
  .meta({ id: 'TextInsights' });
export type TextInsights = z.infer<typeof TextInsightsSchema>;

/** The other waves of a survey's series, for a wave picker. */
export const SeriesSchema = z
  .object({
    seriesId: z.string(),
    surveys: z.array(z.object({ id: z.string(), title: z.string(), wave: z.number().int(), status: SurveyStatusSchema })),
  })
  .meta({ id: 'SurveySeries' });
export type Series = z.infer<typeof SeriesSchema>;
