import { z } from 'zod';
import { LOCALES } from '../constants/locales.ts';

/** Locales the product ships translations for; English is the default and always present. */
export const LocaleSchema = z.enum(LOCALES);

/** A string in every locale the survey offers; `en` is required. */
export const TextSchema = z
  .object({ en: z.string().trim().min(1, 'Enter the English text.').max(2_000) })
  .catchall(z.string().max(2_000))
  .refine((text) => Object.keys(text).every((key) => LocaleSchema.safeParse(key).success), 'Unknown locale key.');
export type Text = z.infer<typeof TextSchema>;
