import { syllable } from 'syllable';
import type { MessageContent } from './schemas.ts';

/**
 * The text handling that readability and coaching share: sentences and words with character
 * offsets into the text as typed (so coaching can point at them), syllables per word, and a
 * conservative passive-voice detector. Pure and synchronous: the composer runs it on every
 * (debounced) keystroke and the API runs the same code to store the score.
 */

/** The text of a message that readability and coaching look at. */
export type MessageText = Pick<MessageContent, 'title' | 'concern' | 'action' | 'advice'>;
export type MessagePart = keyof MessageText;
/** The three parts every message answers, in the order residents read them. */
export const BODY_PARTS = ['concern', 'action', 'advice'] as const satisfies readonly MessagePart[];
export const MESSAGE_PARTS = ['title', ...BODY_PARTS] as const satisfies readonly MessagePart[];

/** GOV.UK and the Plain English Campaign: check any sentence longer than 25 words. */
export const LONG_SENTENCE_WORDS = 25;
/** Past this a sentence is getting long (the Plain English Campaign's 15–20 word average). */
export const RATHER_LONG_SENTENCE_WORDS = 20;

export interface Token {
  text: string;
  /** Offset of the first character in the part's text. */
  start: number;
  /** Offset just past the last character (so `text.slice(start, end)` is the token). */
  end: number;
}

export interface Sentence extends Token {
  words: Token[];
}

// A word: letters or digits, joined by apostrophes, hyphens or full stops inside it, so
// "anti-social", "it's", "s.60" and "10.30pm" are one word each.
const WORD = /[\p{L}\p{N}]+(?:['’.\-‐‑][\p{L}\p{N}]+)*/gu;

// Abbreviations whose full stop does not end a sentence even before a capital ("PC Smith" has no
// stop, but "Insp. Jones" and "St. Mary's" do).
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'sgt', 'insp', 'supt', 'ch', 'no', 'rd', 'ave', 'approx', 'e.g', 'i.e', 'cf', 'vs']);

/** Every word of `text` (or of `text.slice(from, to)`), with offsets into `text`. */
export function words(text: string, from = 0, to = text.length): Token[] {
  const found: Token[] = [];
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match !== null && match.index < to; match = WORD.exec(text)) {
    found.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/**
 * Splits a part into sentences. A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes
 * or brackets) followed by white space and something that is not a lower-case letter, or at a line
 * break (officers write lists one item a line). The end of the text ends the last sentence, full
 * stop or not. Pieces without a word ("—", a lone bullet) are dropped.
 */
export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  let start = 0;
  const close = (end: number) => {
    const inside = words(text, start, end);
    const first = inside[0];
    const last = inside.at(-1);
    if (first !== undefined && last !== undefined) {
      // Keep the closing punctuation in the sentence's range, but not the white space after it.
      const stop = /^[.!?…"'”’)\]]*/u.exec(text.slice(last.end, end))?.[0].length ?? 0;
      found.push({ text: text.slice(first.start, last.end + stop), start: first.start, end: last.end + stop, words: inside });
    }
    start = end;
  };
  const boundary = /[.!?…]+["'”’)\]]*(?=\s+(?![\s\p{Ll}])|$)|\n/gu;
  for (let match = boundary.exec(text); match !== null; match = boundary.exec(text)) {
    if (match[0].startsWith('.') && endsWithAbbreviation(text, match.index)) continue;
    close(match.index + match[0].length);
  }
  close(text.length);
  return found;
}

/** Whether `index` is where a sentence starts: at the start of the text or after its end. */
export function startsSentence(text: string, index: number): boolean {
  return /(?:^\s*|[.!?…]["'”’)\]]*\s+|\n\s*)$/u.test(text.slice(0, index));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function endsWithAbbreviation(text: string, stopIndex: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, stopIndex - 8), stopIndex));
  return before?.[1] !== undefined && ABBREVIATIONS.has(before[1].toLowerCase());
}

const INITIALISM = /^\p{Lu}{2,4}s?$/u;

/**
 * Syllables in one word, by the `syllable` package (words/ family), with two police-text fixes:
 * initialisms of two to four capitals ("ASB", "PCSO", "RTCs") are read letter by letter, one
 * syllable a letter; and a number ("101", "0800 555 111" is three) counts as one syllable, as
 * readers take it in at a glance (`syllable` counts none). Every word has at least one syllable.
 */
export function countSyllables(word: string): number {
  if (INITIALISM.test(word)) return word.replace(/s$/u, '').length;
  const letters = word.replace(/[^\p{L}'’-]/gu, ' ').trim();
  const fromLetters = letters === '' ? 0 : syllable(letters);
  return Math.max(1, fromLetters + (/\p{N}/u.test(word) ? 1 : 0));
}

// ---------------------------------------------------------------- passive voice

const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Words that often sit before a passive and belong in its highlight ("will be conducted"). */
const AUXILIARIES = new Set(['has', 'have', 'had', 'will', 'would', 'shall', 'should', 'may', 'might', 'can', 'could', 'must']);
/** Words allowed between "be" and the participle ("was not arrested", "were quickly seized"). */
const ADVERBS = new Set(['not', 'never', 'also', 'then', 'now', 'still', 'just', 'already', 'often', 'always', 'usually', 'all', 'both', 'soon', 'again', 'since']);

/**
 * Past participles that do not end in -ed. Irregular forms that double as the simple past tense
 * ("made", "found") are here too: after a form of "be" they can only be participles.
 */
const IRREGULAR_PARTICIPLES = new Set([
  'arisen', 'awoken', 'beaten', 'bent', 'bitten', 'bled', 'blown', 'bought', 'broken', 'brought', 'built', 'burnt', 'caught',
  'chosen', 'cut', 'dealt', 'done', 'drawn', 'driven', 'dug', 'eaten', 'fed', 'felt', 'fought', 'found', 'flown', 'forbidden',
  'forgiven', 'forgotten', 'frozen', 'given', 'ground', 'grown', 'heard', 'held', 'hidden', 'hit', 'hung', 'hurt', 'kept',
  'known', 'laid', 'led', 'left', 'lent', 'let', 'lost', 'made', 'meant', 'met', 'mistaken', 'overtaken', 'overheard',
  'overseen', 'paid', 'proven', 'put', 'read', 'rebuilt', 'ridden', 'rung', 'run', 'said', 'seen', 'sent', 'set', 'sewn',
  'shaken', 'shot', 'shown', 'shut', 'sold', 'sought', 'spent', 'split', 'spoken', 'spread', 'stolen', 'struck',
  'stuck', 'stung', 'sworn', 'swept', 'taken', 'taught', 'thrown', 'told', 'torn', 'thought', 'undertaken', 'understood',
  'withdrawn', 'withheld', 'won', 'woken', 'worn', 'written', 'wound',
]);

/** Words in -ed that are not past participles. */
const NOT_PARTICIPLES = new Set(['bed', 'red', 'need', 'feed', 'seed', 'speed', 'weed', 'breed', 'greed', 'deed', 'indeed', 'hundred', 'kindred', 'naked', 'wicked', 'sacred', 'rugged', 'ragged', 'crooked', 'wretched', 'beloved', 'aged', 'learned', 'sled', 'shred', 'fled', 'embed']);
/**
 * Participles that after "be" usually describe a state rather than an action done to someone
 * ("is tired", "are worried", "is closed", "was born"). They count as passive only when an agent
 * follows ("was closed by police"). "Injured", "hurt", "left" and "lost" are here too: "a man was
 * injured" is passive, but it is how plain incident reports say it when the cause is unknown.
 */
const STATIVE_PARTICIPLES = new Set([
  'tired', 'worried', 'concerned', 'interested', 'pleased', 'delighted', 'surprised', 'scared', 'frightened', 'bored',
  'excited', 'married', 'divorced', 'engaged', 'involved', 'located', 'based', 'situated', 'supposed', 'related', 'qualified',
  'prepared', 'committed', 'dedicated', 'determined', 'relieved', 'satisfied', 'disappointed', 'shocked', 'upset', 'closed',
  'opened', 'finished', 'done', 'gone', 'born', 'known', 'reserved', 'limited', 'experienced', 'armed', 'skilled', 'talented', 'ashamed', 'amazed', 'annoyed', 'confused', 'embarrassed',
  'exhausted', 'horrified', 'impressed', 'saddened', 'thrilled', 'stuck', 'lost', 'hurt', 'injured', 'left', 'locked', 'unlocked',
]);

function isParticiple(word: string): boolean {
  const lower = word.toLowerCase().replace(/[’']s$/u, '');
  if (NOT_PARTICIPLES.has(lower)) return false;
  if (IRREGULAR_PARTICIPLES.has(lower)) return true;
  return lower.length >= 4 && /[a-z]ed$/u.test(lower);
}

/** A passive construction: its words and range in the part's text. */
export type PassiveMatch = Token;

/**
 * Passive constructions in one sentence: a form of "be" (am, is, are, was, were, be, been,
 * being), then at most two adverbs or further forms of "be", then a past participle (a word in
 * -ed or an irregular one: "were arrested", "was reported", "has been seized", "is being
 * investigated", "were stolen", "will be conducted"). The highlight starts at an auxiliary just
 * before ("has", "will") when there is one.
 *
 * Conservative by design, and so it misses some and mislabels a few:
 * - participles that after "be" usually describe a state ("is tired", "are worried", "is closed")
 *   count only when "by" follows ("was closed by police");
 * - contractions ("it's stolen"), "get" passives ("got arrested") and passives without "be"
 *   ("the car, stolen last night, …") are not flagged;
 * - an adjective in -ed that is not on the stative list ("is crowded") is flagged.
 */
export function passiveVoice(text: string, sentence: Pick<Sentence, 'words'>): PassiveMatch[] {
  const list = sentence.words;
  const found: PassiveMatch[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const be = list[i];
    if (be === undefined || !BE.has(be.text.toLowerCase())) continue;
    let j = i + 1;
    while (j < list.length && j - i <= 3) {
      const between = list[j]?.text.toLowerCase() ?? '';
      if (!BE.has(between) && !ADVERBS.has(between) && !/^\p{L}{3,}ly$/u.test(between)) break;
      j += 1;
    }
    const participle = list[j];
    if (participle === undefined || !isParticiple(participle.text)) continue;
    const lower = participle.text.toLowerCase();
    if (STATIVE_PARTICIPLES.has(lower) && list[j + 1]?.text.toLowerCase() !== 'by') continue;
    const auxiliary = list[i - 1];
    const start = auxiliary !== undefined && AUXILIARIES.has(auxiliary.text.toLowerCase()) ? auxiliary.start : be.start;
    found.push({ text: text.slice(start, participle.end), start, end: participle.end });
    i = j;
  }
  return found;
}
