import { checkMessage } from './checks.ts';
import { findJargon } from './jargon.ts';
import {
  BODY_PARTS,
  LONG_SENTENCE_WORDS,
  MESSAGE_PARTS,
  type MessagePart,
  type MessageText,
  RATHER_LONG_SENTENCE_WORDS,
  type Token,
  capitalise,
  passiveVoice,
  sentences,
  startsSentence,
  words,
} from './prose.ts';
import type { CoachingNote } from './schemas.ts';

/**
 * Live coaching for the composer: every note is anchored to a part and a character range in the
 * text as typed, so the composer can underline it. Errors are the blocking checks of checks.ts;
 * warnings are what lowers the readability score; info notes are gentler hints.
 */

/** Past this many words in the body, a message is too long to read on a phone at a glance. */
export const MAX_BODY_WORDS = 250;

/** A shouted word has at least this many capitals on its own ("URGENT"), or three in a row ("DO NOT LEAVE"). */
const SHOUTED_WORD_LETTERS = 6;
const SHOUTED_RUN_WORDS = 3;

/**
 * Everything the composer shows: the blocking checks, then per part long sentences, passive
 * voice, jargon with a plain-English suggestion, ALL CAPS, and a body over 250 words. Sorted by
 * part (title, concern, action, advice) and then by position.
 *
 * @example
 * coachMessage({ title: 'ASB', concern: 'Officers were in attendance.', action: 'Patrols will be increased.', advice: 'Call 101.' })
 * // → [{ part: 'title', kind: 'jargon', start: 0, end: 3, suggestion: 'Anti-social behaviour', … },
 * //    { part: 'concern', kind: 'jargon', start: 14, end: 27, suggestion: 'there', … },
 * //    { part: 'action', kind: 'passive_voice', start: 8, end: 25, … }]
 */
export function coachMessage(content: MessageText): CoachingNote[] {
  const notes = checkMessage(content);
  for (const part of MESSAGE_PARTS) {
    const text = content[part];
    for (const sentence of sentences(text)) {
      const count = sentence.words.length;
      if (part !== 'title' && count > RATHER_LONG_SENTENCE_WORDS) {
        const long = count > LONG_SENTENCE_WORDS;
        notes.push({
          part,
          kind: 'long_sentence',
          start: sentence.start,
          end: sentence.end,
          severity: long ? 'warning' : 'info',
          message: long
            ? `This sentence has ${count} words. Keep sentences to ${LONG_SENTENCE_WORDS} words or fewer: split it, or cut words.`
            : `This sentence has ${count} words. Sentences of 15 to ${RATHER_LONG_SENTENCE_WORDS} words are easiest to read.`,
        });
      }
      for (const passive of passiveVoice(text, sentence)) {
        notes.push({
          part,
          kind: 'passive_voice',
          start: passive.start,
          end: passive.end,
          severity: 'warning',
          message: `“${passive.text}” is passive. Say who does what: “we arrested a man”, not “a man was arrested”.`,
        });
      }
    }
    for (const jargon of findJargon(text)) {
      notes.push({ part, kind: 'jargon', start: jargon.start, end: jargon.end, severity: 'warning', suggestion: jargon.suggestion, message: `“${jargon.text}”: ${jargon.reason}` });
    }
    for (const shouted of shoutedRuns(text)) {
      notes.push({
        part,
        kind: 'all_caps',
        start: shouted.start,
        end: shouted.end,
        severity: 'warning',
        suggestion: sentenceCase(shouted.text, startsSentence(text, shouted.start)),
        message: 'Capitals read as shouting, and are harder to read. Use sentence case.',
      });
    }
  }
  const tooLong = bodyOverLimit(content);
  if (tooLong !== undefined) notes.push(tooLong);
  const order = (part: MessagePart) => MESSAGE_PARTS.indexOf(part);
  return notes.sort((a, b) => order(a.part) - order(b.part) || a.start - b.start || a.end - b.end);
}

/** Runs of capitals that read as shouting; initialisms ("ASB", "CCTV", "MOPAC") alone do not. */
function shoutedRuns(text: string): Token[] {
  const runs: Token[] = [];
  let run: Token[] = [];
  const flush = () => {
    const first = run[0];
    const last = run.at(-1);
    if (first !== undefined && last !== undefined && (run.length >= SHOUTED_RUN_WORDS || run.some((w) => letters(w.text) >= SHOUTED_WORD_LETTERS))) {
      runs.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
    }
    run = [];
  };
  for (const word of words(text)) {
    const count = letters(word.text);
    // Numbers and single capitals ("101", "I", "A") neither start nor break a run.
    if (count <= 1 && !/\p{Ll}/u.test(word.text)) continue;
    if (/\p{Ll}/u.test(word.text)) flush();
    else run.push(word);
  }
  flush();
  return runs;
}

const letters = (word: string) => word.replace(/[^\p{L}]/gu, '').length;

/** Lower case, with a capital at the start of each sentence ("NOW. DO NOT PAY" → "now. Do not pay"). */
function sentenceCase(text: string, atSentenceStart: boolean): string {
  const lower = text.toLowerCase().replace(/([.!?…]["'”’)\]]*\s+)(\p{Ll})/gu, (_, stop: string, letter: string) => stop + letter.toUpperCase());
  return atSentenceStart ? capitalise(lower) : lower;
}

/** A warning from the first word past the limit to the end of its part. */
function bodyOverLimit(content: MessageText): CoachingNote | undefined {
  const perPart = BODY_PARTS.map((part) => ({ part, words: words(content[part]) }));
  const total = perPart.reduce((sum, p) => sum + p.words.length, 0);
  if (total <= MAX_BODY_WORDS) return undefined;
  let before = 0;
  for (const { part, words: partWords } of perPart) {
    const first = partWords[MAX_BODY_WORDS - before];
    if (first !== undefined) {
      return {
        part,
        kind: 'too_long',
        start: first.start,
        end: content[part].length,
        severity: 'warning',
        message: `The message is ${total} words. Keep it to ${MAX_BODY_WORDS} or fewer so it reads on a phone; the words from here are over.`,
      };
    }
    before += partWords.length;
  }
  return undefined;
}
