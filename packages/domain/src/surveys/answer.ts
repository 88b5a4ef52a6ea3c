import { z } from 'zod';
import { WardCodeSchema } from '../geography.ts';

/** One answer. Its shape depends on the question type; `validateResponse` checks the pairing. */
export const AnswerSchema = z.union([
  z.object({ optionId: z.string().min(1).max(40) }).strict(),
  z.object({ optionIds: z.array(z.string().min(1).max(40)).max(30) }).strict(),
  z.object({ ranking: z.array(z.string().min(1).max(40)).max(20) }).strict(),
  z.object({ value: z.number().int().min(0).max(10) }).strict(),
  z.object({ text: z.string().max(5_000) }).strict(),
  /** Only the ward is ever stored; the postcode a resident typed never leaves their device's form. */
  z.object({ wardCode: WardCodeSchema, method: z.enum(['postcode', 'partial', 'chosen']) }).strict(),
]);
export type Answer = z.infer<typeof AnswerSchema>;

export const AnswersSchema = z.record(z.string().max(40), AnswerSchema);
export type Answers = z.infer<typeof AnswersSchema>;
