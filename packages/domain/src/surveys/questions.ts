import { z } from 'zod';
import { TextSchema } from './i18n.ts';

/**
 * Questions. Ids are stable for ever once published: results and exports key on them, so an
 * edit in a later version never shifts a column or corrupts an earlier response.
 */
export const QuestionIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Ids are lower-case letters, digits and _, starting with a letter.');
export const OptionIdSchema = QuestionIdSchema;

export const OptionSchema = z.object({
  id: OptionIdSchema,
  label: TextSchema,
  /** Chosen alone (e.g. "None of these"): cannot be combined with other options. */
  exclusive: z.boolean().optional(),
});
export type Option = z.infer<typeof OptionSchema>;

/** Show a question only if an earlier answer matches. */
export const ConditionSchema = z.object({
  questionId: QuestionIdSchema,
  /** `is`: single choice equals; `includes`: a multiple/ranking answer contains the option. */
  operator: z.enum(['is', 'is_not', 'includes', 'answered']),
  optionId: OptionIdSchema.optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

const base = {
  id: QuestionIdSchema,
  title: TextSchema,
  help: TextSchema.optional(),
  required: z.boolean().default(false),
  showIf: ConditionSchema.optional(),
};

/** Standard answer scales, worded as in the Public Attitude Survey. */
export const ScaleSchema = z.enum(['agree5', 'good5', 'safe4', 'worry4']);
export type Scale = z.infer<typeof ScaleSchema>;

export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('single'), options: z.array(OptionSchema).min(2).max(30), dontKnow: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal('multiple'), options: z.array(OptionSchema).min(2).max(30), maxChoices: z.number().int().min(1).optional() }),
  /** Tap to pick 1st, 2nd, 3rd…; tap again to undo. No dragging. */
  z.object({ ...base, type: z.literal('ranking'), options: z.array(OptionSchema).min(2).max(20), pick: z.number().int().min(1).max(10) }),
  z.object({ ...base, type: z.literal('likert'), scale: ScaleSchema, dontKnow: z.boolean().default(true) }),
  z.object({ ...base, type: z.literal('scale10'), minLabel: TextSchema, maxLabel: TextSchema, dontKnow: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal('text'), multiline: z.boolean().default(false), maxLength: z.number().int().min(1).max(5_000).default(1_000) }),
  /** Postcode or partial postcode → ward, or choose a ward: only the ward is stored. */
  z.object({ ...base, type: z.literal('location') }),
  z.object({ ...base, type: z.literal('demographic'), field: z.enum(['ageBand', 'sex', 'genderIdentity', 'ethnicity', 'disability']), options: z.array(OptionSchema).min(2) }),
  /** A statement or section page: nothing to answer. */
  z.object({ ...base, type: z.literal('statement') }),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export type QuestionInput = z.input<typeof QuestionSchema>;

/** Questions that have options residents choose from. */
export type ChoiceQuestion = Extract<Question, { options: unknown }>;
export function hasOptions(question: Question): question is ChoiceQuestion {
  return 'options' in question;
}

