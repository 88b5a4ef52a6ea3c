/**
 * Themes in free-text answers: the keywords and two-word phrases that most answers mention,
 * for a quick read of what a ward is talking about before reading the answers themselves.
 */
import { eng } from 'stopword';

export interface Theme {
  /** Lower-case word, or two words separated by a space. */
  term: string;
  /** Number of texts that contain it (document frequency), not the number of times it occurs. */
  count: number;
  kind: 'word' | 'bigram';
}

export interface ThemeOptions {
  /** How many themes to return (default 20). */
  top?: number;
  /** Fewest texts a theme must appear in (default 2: one person's words are not a theme). */
  minCount?: number;
  /**
   * Words not to report on their own, e.g. the force's name — phrases containing them still are
   * ("police" hidden, "police station" kept). None by default.
   */
  omitWords?: readonly string[];
}

/**
 * stopword's English list (108 words) leaves out negations, contractions, some function words
 * ("when", "without") and the fillers of conversational writing, which would otherwise top every
 * list ("dont", "just", "really").
 * No policing words are added by default: "police" is in most answers, but dropping it would
 * also drop phrases like "police station"; use `omitWords` to hide it on its own instead.
 */
const EXTRA_STOP_WORDS = [
  'no', 'not', 'nor', 'yes', 'so', 'just', 'really', 'will', 'shall', 'may', 'does', 'doing', 'done', 'off',
  'again', 'once', 'against', 'down', 'until', 'why', 'whom', 'own', 'she', 'its', 'us', 'etc', 'ok', 'okay',
  'every', 'even', 'though', 'although', 'ever', 'always', 'often', 'sometimes', 'quite', 'yet', 'already',
  'maybe', 'perhaps', 'lot', 'lots', 'bit', 'thing', 'things', 'anything', 'something', 'nothing',
  'everything', 'anyone', 'someone', 'everyone', 'one', 'go', 'going', 'think', 'know', 'when', 'whose',
  'whether', 'without', 'within', 'upon', 'onto', 'across', 'during', 'above', 'below', 'either', 'neither',
  'else', 'however', 'therefore', 'thus', 'yours', 'ours', 'theirs', 'mine', 'hers', 'myself', 'yourself',
  'ourselves', 'themselves', 'itself', 'herself', 'few', 'less', 'rather', 'almost', 'enough', 'per', 'via',
  'ago', 'anyway', 'able',
  "i'm", "i've", "i'd", "i'll", "it's", "that's", "there's", "they're", "they've", "they'll", "we're", "we've",
  "we'll", "you're", "you've", "you'll", "he's", "she's", "what's", "who's", "let's", "isn't", "aren't", "wasn't",
  "weren't", "don't", "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't", "haven't",
  "hasn't", "hadn't", 'im', 'ive', 'dont', 'doesnt', 'didnt', 'cant', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
  'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'thats', 'theres', 'theyre', 'youre',
];
const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...EXTRA_STOP_WORDS]);

const QUOTE_LIKE = /[\u2018\u2019\u201b\u02bc\u2032`´]/g;
const DASH_LIKE = /[\u2010\u2011]/g;
/** Web addresses and e-mail addresses are not words: each is replaced by a phrase break. */
const LINK = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/giu;
/** Letters and digits, with apostrophes and hyphens only inside a word ("anti-social", "don't"). */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['-][\p{L}\p{M}\p{N}]+)*/gu;
/** Anything else but spaces ends a phrase: full stops, commas, brackets, dashes, quotes, slashes. */
const BREAK = /[^\p{L}\p{M}\p{N}\s'-]|['-]{2,}|\s['-]+|['-]+\s|^['-]|['-]$/u;

/**
 * Most frequent words and bigrams (two adjacent words) across the texts, after lower-casing,
 * folding curly apostrophes to straight ones, dropping stop words, anything containing a digit,
 * one-letter words, links and e-mail addresses, and a possessive "'s". A bigram is two kept words next to each other in the
 * same phrase: it never spans punctuation, a stop word or a dropped number.
 *
 * A bigram is shown in preference to a word only when it is as frequent: a word is left out
 * when some bigram containing it appears in exactly as many texts (every text using "behaviour"
 * says "anti-social behaviour", so the word adds nothing). A word that also appears elsewhere
 * stays, ranked above its bigrams. Ordered by count, then bigrams before words, then
 * alphabetically.
 *
 * @example
 * extractThemes(['Anti-social behaviour on Park Road', 'More anti-social behaviour at night', 'Speeding at night'])
 * // [{ term: 'anti-social behaviour', count: 2, kind: 'bigram' }, { term: 'night', count: 2, kind: 'word' }]
 */
export function extractThemes(texts: readonly string[], options: ThemeOptions = {}): Theme[] {
  const top = options.top ?? 20;
  const minCount = options.minCount ?? 2;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number >= 0, got ${top}`);
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be a whole number >= 1, got ${minCount}`);
  const omitted = new Set(options.omitWords?.map((word) => normalise(word)));

  const words = new Map<string, number>();
  const bigrams = new Map<string, number>();
  for (const text of texts) {
    const { words: inText, bigrams: pairsInText } = termsOf(text);
    for (const word of inText) words.set(word, (words.get(word) ?? 0) + 1);
    for (const pair of pairsInText) bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
  }

  const subsumed = new Set<string>();
  for (const [pair, count] of bigrams) {
    if (count < minCount) continue;
    for (const word of pair.split(' ')) if (words.get(word) === count) subsumed.add(word);
  }
  const themes: Theme[] = [];
  for (const [term, count] of words) {
    if (count >= minCount && !subsumed.has(term) && !omitted.has(term)) themes.push({ term, count, kind: 'word' });
  }
  for (const [term, count] of bigrams) if (count >= minCount) themes.push({ term, count, kind: 'bigram' });
  themes.sort((a, b) => b.count - a.count || (a.kind === b.kind ? 0 : a.kind === 'bigram' ? -1 : 1) || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return themes.slice(0, top);
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(QUOTE_LIKE, "'").replace(DASH_LIKE, '-').toLowerCase();
}

/** The distinct kept words and bigrams of one text. */
function termsOf(text: string): { words: Set<string>; bigrams: Set<string> } {
  const words = new Set<string>();
  const bigrams = new Set<string>();
  for (const phrase of normalise(text).replace(LINK, '.').split(BREAK)) {
    let previous: string | null = null;
    for (const [token] of phrase.matchAll(TOKEN)) {
      const word = keptWord(token);
      if (word !== null) {
        words.add(word);
        if (previous !== null && previous !== word) bigrams.add(`${previous} ${word}`);
      }
      previous = word;
    }
  }
  return { words, bigrams };
}

function keptWord(token: string): string | null {
  if (/\p{N}/u.test(token) || STOP_WORDS.has(token)) return null;
  const word = token.endsWith("'s") ? token.slice(0, -2) : token;
  if ([...word].length < 2 || STOP_WORDS.has(word)) return null;
  return word;
}
