import { z } from 'zod';
import { AdjustmentSchema, DisclosureRuleSchema, ResultLevelSchema, ShareCellSchema } from '../results.ts';
import { MessageKpisSchema } from './schemas.ts';

/**
 * The KPI report of community messages, as the staff API returns it (and the web dashboard reads
 * it): a domain shape like the survey results of ../results.ts, so the statistics that build it
 * (@wardpulse/analytics/kpis) and the routes that describe it (functions) share one definition.
 */

/** A period of sending: messages whose `sentAt` is in [from, to); open ends are null. */
export const PeriodSchema = z.object({ from: z.string().nullable(), to: z.string().nullable() });
export type Period = z.infer<typeof PeriodSchema>;

/** One row of a KPI table: a ward, district, Impact Area, the force, or `none` (shared links, no ward). */
export const KpiUnitSchema = z
  .object({
    level: z.union([ResultLevelSchema, z.literal('none')]),
    code: z.string(),
    name: z.string(),
    parentCode: z.string().nullable(),
    /** Messages of the period that reached the unit. */
    messages: z.number().int().min(0),
    kpis: MessageKpisSchema,
  })
  .meta({ id: 'MessageKpiUnit' });
export type KpiUnit = z.infer<typeof KpiUnitSchema>;

export const KpiMeasureSchema = z.enum(['satisfaction', 'interactionRate', 'shareRate']);
export type KpiMeasure = z.infer<typeof KpiMeasureSchema>;

export const KpiChangeRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  measure: KpiMeasureSchema,
  before: ShareCellSchema,
  after: ShareCellSchema,
  /** after.share − before.share; null unless both are shown. */
  difference: z.number().nullable(),
  /** after.share / before.share − 1, the pilot's "+20 %"; null unless both are shown and before > 0. */
  relativeChange: z.number().nullable(),
  /** Pooled two-proportion z test, two-sided. */
  z: z.number().nullable(),
  p: z.number().nullable(),
  /** p adjusted across every comparable row (Holm). */
  pAdjusted: z.number().nullable(),
  significant: z.boolean(),
});
export type KpiChangeRow = z.infer<typeof KpiChangeRowSchema>;

export const KpiComparisonSchema = z
  .object({
    /** The baseline period (`compareFrom`/`compareTo`). */
    before: PeriodSchema.extend({ messages: z.number().int().min(0), totals: MessageKpisSchema }),
    /** The main period (`from`/`to`). */
    after: PeriodSchema.extend({ messages: z.number().int().min(0), totals: MessageKpisSchema }),
    adjustment: AdjustmentSchema,
    alpha: z.number(),
    rows: z.array(KpiChangeRowSchema),
  })
  .meta({ id: 'MessageKpiComparison' });
export type KpiComparison = z.infer<typeof KpiComparisonSchema>;

export const ScatterPointSchema = z.object({
  messageId: z.string(),
  title: z.string(),
  /** The message's 0–10 readability score. */
  readability: z.number(),
  /** Share of its ratings that are 4–5 stars (only messages whose satisfaction passes disclosure control). */
  satisfaction: z.number(),
  ratings: z.number().int(),
});

export const MessageKpiReportSchema = z
  .object({
    level: ResultLevelSchema,
    period: PeriodSchema,
    disclosure: DisclosureRuleSchema,
    generatedAt: z.string(),
    /** Messages sent in the period. */
    messages: z.number().int().min(0),
    units: z.array(KpiUnitSchema),
    /** The whole force over the period. */
    totals: MessageKpisSchema,
    /** Change from `compareFrom`–`compareTo` to `from`–`to`; null unless a comparison period is given. */
    comparison: KpiComparisonSchema.nullable(),
    /** Readability against satisfaction across the period's messages, with Pearson's r (null below 3 points). */
    scatter: z.object({ points: z.array(ScatterPointSchema), r: z.number().nullable(), n: z.number().int().min(0) }),
  })
  .meta({ id: 'MessageKpiReport' });
export type MessageKpiReport = z.infer<typeof MessageKpiReportSchema>;

export const MessageKpiDetailSchema = z
  .object({
    message: z.object({ id: z.string(), title: z.string(), status: z.string(), sentAt: z.string().nullable(), readability: z.number() }),
    disclosure: DisclosureRuleSchema,
    totals: MessageKpisSchema,
    /** By ward (and `none`: shared links and residents without a ward). */
    units: z.array(KpiUnitSchema),
  })
  .meta({ id: 'MessageKpiDetail' });
export type MessageKpiDetail = z.infer<typeof MessageKpiDetailSchema>;
