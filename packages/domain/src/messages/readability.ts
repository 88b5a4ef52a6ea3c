import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { findJargon } from './jargon.ts';
import { BODY_PARTS, LONG_SENTENCE_WORDS, type MessageText, countSyllables, passiveVoice, sentences } from './prose.ts';
import type { Readability } from './schemas.ts';

/**
 * How readable a message is: Flesch reading ease and Flesch–Kincaid grade over the body, and
 * WardPulse's 0–10 readability score. The composer shows it live; the API stores the same
 * numbers with the message. The mapping is set out in READABILITY.md beside this file.
 */

/**
 * The constants of the 0–10 score (see READABILITY.md for the reasoning). Changing one changes
 * every score stored from then on: say so in the changelog.
 */
export const READABILITY_SCALE = {
  /** Reading ease that earns full marks: the top of the 60–70 "plain English" band. */
  fullMarksEase: 70,
  /** Points of reading ease below full marks that cost one point of score (calibrated on the pilot's 6 → 9.6). */
  easePerPoint: 15,
  /** Points off for each sentence over 25 words, and the most they can take off together. */
  longSentencePenalty: 0.5,
  longSentenceCap: 1,
  /** Points off for each passive construction, and their cap. */
  passivePenalty: 0.25,
  passiveCap: 1,
  /** Points off for each piece of jargon, and their cap. */
  jargonPenalty: 0.25,
  jargonCap: 1.5,
} as const;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * WardPulse's 0–10 readability score from reading ease and the coaching counts:
 *
 * ```text
 * base    = clamp(10 − (70 − FRE) / 15, 0, 10)     FRE 70+ → 10, 55 → 9, 40 → 8, 25 → 7, 10 → 6, −80 → 0
 * penalty = min(0.5  × long sentences, 1)          sentences over 25 words
 *         + min(0.25 × passive constructions, 1)
 *         + min(0.25 × jargon, 1.5)
 * score   = round(clamp(base − penalty, 0, 10), 1 decimal)
 * ```
 *
 * Non-decreasing in reading ease and non-increasing in each count.
 *
 * @example
 * readabilityScore({ fleschReadingEase: 55, longSentences: 0, passiveVoice: 2, jargon: 1 }) // → 8.3
 */
export function readabilityScore(r: Pick<Readability, 'fleschReadingEase' | 'longSentences' | 'passiveVoice' | 'jargon'>): number {
  const s = READABILITY_SCALE;
  const base = clamp(10 - (s.fullMarksEase - r.fleschReadingEase) / s.easePerPoint, 0, 10);
  const penalty =
    Math.min(s.longSentencePenalty * r.longSentences, s.longSentenceCap) +
    Math.min(s.passivePenalty * r.passiveVoice, s.passiveCap) +
    Math.min(s.jargonPenalty * r.jargon, s.jargonCap);
  return round1(clamp(base - penalty, 0, 10));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Readability of a message's body: the concern, action and advice, read as one text in which each
 * part ends a sentence. The title is left out: it is a headline ("Burglaries in Oldbury"),
 * usually without a verb or a full stop, and counting it as a sentence would make every message
 * look easier than its body is. (Coaching still checks the title for jargon and capitals.)
 *
 * Counts: words and sentences as `sentences()` in prose.ts splits them; syllables by
 * `countSyllables()`; reading ease and grade by the `flesch` and `flesch-kincaid` packages. Both
 * are rounded to one decimal, and the score is computed from the rounded reading ease, so a
 * stored record reproduces its own score. An empty body has reading ease, grade and score 0.
 *
 * @example
 * measureReadability({ title: 'Car crime', concern: 'Cars have been broken into on Park Road.', action: 'We are patrolling at night.', advice: 'Lock your car and take bags out.' })
 * // → { fleschReadingEase: 98.5, fleschKincaidGrade: 1.2, score: 9.8, words: 20, sentences: 3, longSentences: 0, passiveVoice: 1, jargon: 0 }
 * // ("have been broken into" is the passive)
 */
export function measureReadability(content: MessageText): Readability {
  let words = 0;
  let syllables = 0;
  let sentenceCount = 0;
  let longSentences = 0;
  let passive = 0;
  let jargon = 0;
  for (const part of BODY_PARTS) {
    const text = content[part];
    for (const sentence of sentences(text)) {
      sentenceCount += 1;
      words += sentence.words.length;
      if (sentence.words.length > LONG_SENTENCE_WORDS) longSentences += 1;
      for (const word of sentence.words) syllables += countSyllables(word.text);
      passive += passiveVoice(text, sentence).length;
    }
    jargon += findJargon(text).length;
  }
  const counts = { sentence: sentenceCount, word: words, syllable: syllables };
  const fleschReadingEase = words === 0 ? 0 : round1(flesch(counts));
  const fleschKincaidGrade = words === 0 ? 0 : round1(fleschKincaid(counts));
  const measured = { fleschReadingEase, fleschKincaidGrade, words, sentences: sentenceCount, longSentences, passiveVoice: passive, jargon };
  return { ...measured, score: words === 0 ? 0 : readabilityScore(measured) };
}
