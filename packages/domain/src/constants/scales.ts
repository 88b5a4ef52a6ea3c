import type { Option, Scale } from '../surveys/questions.ts';

// A constants module: type-only imports, never zod (the resident bundle imports it).

/**
 * Answer scales worded as in the Public Attitude Survey (MOPAC PAS 2021/22 Q4): Q60 "how good a
 * job" (Excellent … Very poor), Q62 statements (Strongly agree … Strongly disagree), Q20/Q21
 * "how safe walking alone" (Very safe … Very unsafe), Q13/Q15 "how worried" (Very … Not at all).
 * Option ids are stable; `score` orders them for means and top-2-box (highest = most positive).
 */
export interface ScalePoint extends Option {
  score: number;
}

const point = (id: string, score: number, en: string, ur: string, pl: string): ScalePoint => ({ id, score, label: { en, ur, pl } });

export const SCALES: Record<Scale, ScalePoint[]> = {
  agree5: [
    point('strongly_agree', 5, 'Strongly agree', 'پوری طرح متفق', 'Zdecydowanie się zgadzam'),
    point('tend_to_agree', 4, 'Tend to agree', 'کسی حد تک متفق', 'Raczej się zgadzam'),
    point('neither', 3, 'Neither agree nor disagree', 'نہ متفق نہ غیر متفق', 'Ani się zgadzam, ani nie zgadzam'),
    point('tend_to_disagree', 2, 'Tend to disagree', 'کسی حد تک غیر متفق', 'Raczej się nie zgadzam'),
    point('strongly_disagree', 1, 'Strongly disagree', 'بالکل غیر متفق', 'Zdecydowanie się nie zgadzam'),
  ],
  good5: [
    point('excellent', 5, 'Excellent', 'بہترین', 'Doskonale'),
    point('good', 4, 'Good', 'اچھا', 'Dobrze'),
    point('fair', 3, 'Fair', 'مناسب', 'Przeciętnie'),
    point('poor', 2, 'Poor', 'کمزور', 'Słabo'),
    point('very_poor', 1, 'Very poor', 'بہت کمزور', 'Bardzo słabo'),
  ],
  safe4: [
    point('very_safe', 4, 'Very safe', 'بہت محفوظ', 'Bardzo bezpiecznie'),
    point('fairly_safe', 3, 'Fairly safe', 'کافی محفوظ', 'Raczej bezpiecznie'),
    point('fairly_unsafe', 2, 'Fairly unsafe', 'کافی غیر محفوظ', 'Raczej niebezpiecznie'),
    point('very_unsafe', 1, 'Very unsafe', 'بہت غیر محفوظ', 'Bardzo niebezpiecznie'),
  ],
  worry4: [
    point('not_at_all_worried', 4, 'Not at all worried', 'بالکل فکر مند نہیں', 'Wcale się nie martwię'),
    point('not_very_worried', 3, 'Not very worried', 'زیادہ فکر مند نہیں', 'Niezbyt się martwię'),
    point('fairly_worried', 2, 'Fairly worried', 'کافی فکر مند', 'Dość się martwię'),
    point('very_worried', 1, 'Very worried', 'بہت فکر مند', 'Bardzo się martwię'),
  ],
};

/** The option id of a "Don’t know" answer (likert, single and 0–10 questions that offer it). */
export const DONT_KNOW = 'dont_know';

export const DONT_KNOW_LABEL = { en: 'Don’t know', ur: 'معلوم نہیں', pl: 'Nie wiem' };
export const PREFER_NOT_TO_SAY_LABEL = { en: 'Prefer not to say', ur: 'بتانا نہیں چاہتے', pl: 'Wolę nie odpowiadać' };

/** Top-2-box: the two most positive points of a scale. */
export function isTopTwo(scale: Scale, optionId: string): boolean {
  const points = SCALES[scale];
  const max = Math.max(...points.map((p) => p.score));
  return points.some((p) => p.id === optionId && p.score >= max - 1);
}
