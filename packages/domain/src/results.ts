import { z } from 'zod';

/**
 * The shape of survey results as the API returns them and the console and exports read them.
 * Every figure is a `Cell`: shown (with a 95 % Wilson interval), withheld by disclosure control
 * (and why), or empty (nobody answered). A withheld figure is never sent as 0.
 */

/** Geographic level results are read at. `force` is the whole force (one unit). */
export const ResultLevelSchema = z.enum(['ward', 'district', 'area', 'force']);
export type ResultLevel = z.infer<typeof ResultLevelSchema>;

/**
 * Why a figure is withheld: `primary` — fewer respondents than the threshold (in the level, the
 * question's base or the cell itself); `secondary` — withheld so a primary one cannot be
 * recovered by subtracting shown figures from a total (differencing).
 */
export const SuppressionReasonSchema = z.enum(['primary', 'secondary']);
export type SuppressionReason = z.infer<typeof SuppressionReasonSchema>;

export const ShownShareSchema = z.object({
  status: z.literal('shown'),
  count: z.number().int().min(0),
  n: z.number().int().min(0),
  share: z.number().min(0).max(1),
  lower: z.number().min(0).max(1),
  upper: z.number().min(0).max(1),
});
export const SuppressedCellSchema = z.object({ status: z.literal('suppressed'), reason: SuppressionReasonSchema });
export const EmptyCellSchema = z.object({ status: z.literal('empty') });

/** A share of respondents (count / n) with its Wilson interval, or why it is not shown. */
export const ShareCellSchema = z.discriminatedUnion('status', [ShownShareSchema, SuppressedCellSchema, EmptyCellSchema]).meta({ id: 'ShareCell' });
export type ShareCell = z.infer<typeof ShareCellSchema>;

/** A mean (Likert score, 0–10 scale, sentiment score) with a 95 % t interval. */
export const MeanCellSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('shown'), n: z.number().int().min(0), mean: z.number(), lower: z.number(), upper: z.number() }),
    SuppressedCellSchema,
    EmptyCellSchema,
  ])
  .meta({ id: 'MeanCell' });
export type MeanCell = z.infer<typeof MeanCellSchema>;

/** One row of a results table: a ward, district, Impact Area / NPT, or the force. */
export const ResultUnitSchema = z.object({
  level: ResultLevelSchema,
  /** ONS code for wards and districts, the area id for areas, `force` for the force, `none` for "no location given". */
  code: z.string(),
  name: z.string(),
  /** District code of a ward; null otherwise. */
  parentCode: z.string().nullable(),
  /** Respondents in the unit (all responses, whatever they answered), or why it is withheld. */
  respondents: z.discriminatedUnion('status', [z.object({ status: z.literal('shown'), n: z.number().int().min(0) }), SuppressedCellSchema, EmptyCellSchema]),
});
export type ResultUnit = z.infer<typeof ResultUnitSchema>;

/** One question's figures in one unit. Which optional parts are present depends on the question type. */
export const UnitQuestionResultSchema = z.object({
  /** Respondents who answered the question (its base), or why withheld. */
  base: z.discriminatedUnion('status', [z.object({ status: z.literal('shown'), n: z.number().int().min(0) }), SuppressedCellSchema, EmptyCellSchema]),
  /** Share choosing each option (for rankings: placing it in the top N; for 0–10 scales: each value). */
  options: z.record(z.string(), ShareCellSchema),
  /** Likert: share in the top two boxes (e.g. agree + strongly agree), "don't know" excluded. */
  topTwo: ShareCellSchema.optional(),
  /** Likert (score 1–5 or 1–4, "don't know" excluded) and 0–10 scales. */
  mean: MeanCellSchema.optional(),
  /** Rankings: mean position among those who ranked the option (1 = first), and Borda points per respondent. */
  ranking: z.record(z.string(), z.object({ meanRank: z.number().nullable(), borda: z.number().nullable() })).optional(),
  /** Free text: share positive / neutral / negative and mean VADER compound score (−1..1). */
  sentiment: z.object({ positive: ShareCellSchema, neutral: ShareCellSchema, negative: ShareCellSchema, meanScore: z.number().nullable() }).optional(),
});
export type UnitQuestionResult = z.infer<typeof UnitQuestionResultSchema>;

export const QuestionResultSchema = z.object({
  id: z.string(),
  type: z.enum(['single', 'multiple', 'ranking', 'likert', 'scale10', 'text', 'demographic']),
  /** English title (results are for staff; translations stay in the survey). */
  title: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Rankings: how many places residents were asked to fill. */
  pick: z.number().int().optional(),
  /** Keyed by `ResultUnit.code`. */
  units: z.record(z.string(), UnitQuestionResultSchema),
});
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

export const DisclosureRuleSchema = z.object({
  /** Cells, question bases and units with fewer respondents than this are withheld. */
  threshold: z.number().int().min(1),
  description: z.string(),
});

export const SurveyResultsSchema = z
  .object({
    survey: z.object({ id: z.string(), title: z.string(), kind: z.string(), slug: z.string(), seriesId: z.string().nullable(), wave: z.number().int() }),
    /** Every published version merged into these results (question ids are stable across versions). */
    versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), boundaryVintage: z.string().nullable() })),
    level: ResultLevelSchema,
    /** Set when results are limited to one demographic group (equality monitoring). */
    group: z.object({ questionId: z.string(), optionId: z.string(), label: z.string() }).nullable(),
    disclosure: DisclosureRuleSchema,
    generatedAt: z.string(),
    totals: z.object({ responses: z.number().int(), withWard: z.number().int(), withoutWard: z.number().int() }),
    units: z.array(ResultUnitSchema),
    /** The force as a whole, always present, so the console can show headline figures. */
    force: z.record(z.string(), UnitQuestionResultSchema),
    questions: z.array(QuestionResultSchema),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

export const AdjustmentSchema = z.enum(['holm', 'bh']);
export type Adjustment = z.infer<typeof AdjustmentSchema>;

/** One option's share in one unit, compared between two waves of a series. */
export const WaveChangeRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  questionId: z.string(),
  optionId: z.string(),
  optionLabel: z.string(),
  before: ShareCellSchema,
  after: ShareCellSchema,
  /** after.share − before.share; null unless both waves pass disclosure control. */
  difference: z.number().nullable(),
  /** Two-proportion z test (pooled), two-sided; null where not comparable. */
  z: z.number().nullable(),
  /** The unadjusted two-sided p-value of this row's test on its own. */
  p: z.number().nullable(),
  /** p adjusted across every comparable row of this table (Holm or Benjamini–Hochberg). */
  pAdjusted: z.number().nullable(),
  significant: z.boolean(),
  /** The level of the unit (the same for every row of a comparison). */
  level: ResultLevelSchema,
  /** 95 % interval of `difference` (Newcombe's hybrid score, from the two Wilson intervals); null where not comparable. */
  differenceInterval: z.object({ lower: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }).nullable(),
  /**
   * About the smallest change (in share, 0..1, either way) these two samples could show as
   * significant on their own within this table: at α divided by `familySize`, for shares near
   * this row's. Above 1 when no change at all could be told from chance. Null where not comparable.
   */
  detectable: z.number().min(0).nullable(),
});
export type WaveChangeRow = z.infer<typeof WaveChangeRowSchema>;

export const WaveComparisonSchema = z
  .object({
    before: z.object({ surveyId: z.string(), title: z.string(), wave: z.number().int(), boundaryVintages: z.array(z.string()) }),
    after: z.object({ surveyId: z.string(), title: z.string(), wave: z.number().int(), boundaryVintages: z.array(z.string()) }),
    /** True when the waves were answered on different ward boundaries: shown, never hidden. */
    vintageDiffers: z.boolean(),
    /** Units present in only one wave (e.g. wards redrawn between vintages). */
    onlyBefore: z.array(z.string()),
    onlyAfter: z.array(z.string()),
    level: ResultLevelSchema,
    adjustment: AdjustmentSchema,
    alpha: z.number(),
    /**
     * How many rows p is adjusted across (the family): every comparable row of this table, i.e.
     * each compared answer of the question asked for (or of every question) in every unit of `level`.
     */
    familySize: z.number().int().min(0),
    disclosure: DisclosureRuleSchema,
    rows: z.array(WaveChangeRowSchema),
  })
  .meta({ id: 'WaveComparison' });
export type WaveComparison = z.infer<typeof WaveComparisonSchema>;
