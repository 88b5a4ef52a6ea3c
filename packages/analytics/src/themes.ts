/**
 * Themes in free-text answers: the key phrases that many answers mention ("speeding on Church
 * Road", "drug dealing", "street lights"), grouped over plurals and spelling, for a quick read of
 * what a ward is talking about before reading the answers themselves.
 */
import { eng } from 'stopword';
import { wilsonInterval, type Proportion } from './proportion.ts';

export interface KeyPhrase {
  /** The commonest wording of the phrase, e.g. "speeding cars" (lower case except names and acronyms). */
  phrase: string;
  /** Number of texts that mention it in any of its wordings (document frequency). */
  count: number;
  /** Share of all the texts that mention it, with a 95 % Wilson interval. */
  share: Proportion;
  /** The wordings grouped under it, commonest first, e.g. ["speeding cars", "speeding car"]. */
  forms: string[];
  /** Indexes (into the texts given) of the texts that mention it, in the order given. */
  texts: number[];
}

export interface KeyPhraseOptions {
  /** How many phrases to return (default 10). */
  top?: number;
  /** Fewest texts a phrase must appear in (default 2: one person's words are not a theme). */
  minCount?: number;
  /**
   * Words not to report on their own, e.g. the force's name — phrases containing them still are
   * ("police" hidden, "police station" kept). None by default.
   */
  omitWords?: readonly string[];
}

/**
 * What the extraction needs to know about an English word: its parts of speech out of context
 * and its singular. `compromise` provides both from its 24,000-word lexicon and inflection rules.
 */
export interface WordClasses {
  /** compromise tags such as "Singular", "Plural", "Adjective", "Gerund"; empty when unknown. */
  tagsOf(word: string): readonly string[];
  singular(word: string): string;
}

/**
 * RAKE (Rose et al., 2010) breaks a text into candidate phrases at stop words and punctuation.
 * Its stop list is longer than a search engine's: besides function words (stopword's 108 plus
 * negations, contractions and conversational fillers) it holds the common verbs, the vague
 * adjectives and adverbs, and the quantities that would otherwise be read as part of a phrase
 * ("feel", "fine", "more", "getting").
 * No policing words are added by default: "police" is in most answers, but dropping it would
 * also drop phrases like "police station"; use `omitWords` to hide it on its own instead.
 */
const EXTRA_STOP_WORDS = [
  'no', 'not', 'nor', 'yes', 'so', 'just', 'really', 'will', 'shall', 'may', 'might', 'must', 'could', 'would', 'should',
  'can', 'does', 'doing', 'done', 'did', 'off', 'again', 'once', 'against', 'down', 'until', 'why', 'whom', 'own', 'she',
  'its', 'us', 'etc', 'ok', 'okay', 'every', 'even', 'though', 'although', 'ever', 'always', 'often', 'sometimes',
  'quite', 'yet', 'already', 'maybe', 'perhaps', 'lot', 'lots', 'bit', 'thing', 'things', 'anything', 'something',
  'nothing', 'everything', 'anyone', 'someone', 'everyone', 'anybody', 'somebody', 'everybody', 'nobody', 'one',
  'when', 'whose', 'whether', 'without', 'within', 'upon', 'onto', 'across', 'during', 'above', 'below', 'either',
  'neither', 'else', 'however', 'therefore', 'thus', 'yours', 'ours', 'theirs', 'mine', 'hers', 'myself', 'yourself',
  'ourselves', 'themselves', 'itself', 'herself', 'few', 'less', 'rather', 'almost', 'enough', 'per', 'via', 'ago',
  'anyway', 'able', 'also', 'still', 'never', 'please', 'thanks', 'thank', 'much', 'many', 'more', 'most', 'any',
  'some', 'all', 'well', 'around', 'near', 'outside', 'behind', 'along', 'opposite', 'like', 'since', 'because',
  'while', 'though', 'cos', 'lately', 'recently', 'especially', 'usually', 'very', 'too', 'far', 'away', 'back', 'up',
  'out', 'over', 'again', 'there', 'here', 'now', 'then', 've', 'll', 're',
  // Common verbs in every form: what people do or feel is not a theme, what they talk about is.
  'feel', 'feels', 'feeling', 'felt', 'get', 'gets', 'getting', 'got', 'gotten', 'go', 'goes', 'going', 'gone', 'went',
  'come', 'comes', 'coming', 'came', 'make', 'makes', 'making', 'made', 'take', 'takes', 'taking', 'took', 'taken',
  'see', 'sees', 'seeing', 'saw', 'seen', 'say', 'says', 'saying', 'said', 'know', 'knows', 'knowing', 'knew', 'known',
  'think', 'thinks', 'thinking', 'thought', 'want', 'wants', 'wanting', 'wanted', 'need', 'needs', 'needed', 'needing',
  'look', 'looks', 'looking', 'looked', 'seem', 'seems', 'seemed', 'keep', 'keeps', 'keeping', 'kept', 'let', 'lets',
  'put', 'puts', 'putting', 'use', 'used', 'using', 'try', 'tries', 'trying', 'tried', 'happen', 'happens', 'happening',
  'happened', 'help', 'helps', 'helped', 'helping', 'live', 'lives', 'living', 'lived', 'find', 'finds', 'found',
  'give', 'gives', 'giving', 'gave', 'given', 'tell', 'tells', 'told', 'ask', 'asked', 'asking', 'like', 'liked',
  'love', 'hate', 'hope', 'wish', 'believe', 'mean', 'means', 'walk', 'walks', 'walking', 'walked', 'stay', 'stays',
  'staying', 'stayed', 'become', 'becomes', 'became', 'leave', 'leaves', 'leaving', 'left', 'start', 'started',
  'call', 'called', 'calling', 'report', 'reported', 'reporting', 'increase', 'increased', 'improve',
  'improved', 'would', 'being', 'been', 'having', 'has', 'had', 'have', 'is', 'are', 'was', 'were', 'be', 'am',
  // Vague adjectives: how it is, not what it is.
  'fine', 'good', 'great', 'bad', 'worse', 'worst', 'better', 'best', 'nice', 'lovely', 'awful', 'terrible', 'poor',
  'safe', 'unsafe', 'safer', 'happy', 'unhappy', 'scared', 'worried', 'afraid', 'nervous', 'big', 'bigger', 'small',
  'little', 'new', 'old', 'whole', 'real', 'other', 'same', 'different', 'certain', 'sure', 'main', 'general', 'local',
  'sad', 'ridiculous', 'dangerous', 'horrible', 'constant', 'constantly', 'regular', 'regularly', 'frequent', 'ongoing',
  "i'm", "i've", "i'd", "i'll", "it's", "that's", "there's", "they're", "they've", "they'll", "we're", "we've",
  "we'll", "you're", "you've", "you'll", "he's", "she's", "what's", "who's", "let's", "isn't", "aren't", "wasn't",
  "weren't", "don't", "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't", "haven't",
  "hasn't", "hadn't", 'im', 'ive', 'dont', 'doesnt', 'didnt', 'cant', 'couldnt', 'wont', 'wouldnt', 'shouldnt',
  'isnt', 'arent', 'wasnt', 'werent', 'havent', 'hasnt', 'hadnt', 'thats', 'theres', 'theyre', 'youre',
];
const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...EXTRA_STOP_WORDS]);

/**
 * Nouns too general to be a theme on their own ("day", "area", "people"); phrases containing
 * them still are ("play area", "bus stop at night").
 */
const VAGUE_NOUNS: ReadonlySet<string> = new Set([
  'day', 'night', 'time', 'year', 'week', 'month', 'today', 'tonight', 'evening', 'morning', 'weekend', 'hour',
  'area', 'place', 'part', 'side', 'way', 'people', 'person', 'kind', 'sort', 'type', 'issue', 'problem', 'situation',
  'matter', 'point', 'fact', 'case', 'reason', 'number', 'amount', 'level', 'stuff', 'everyone', 'community', 'life',
  'home', 'world', 'town', 'city', 'country', 'local', 'resident', 'neighbourhood', 'neighborhood', 'anything',
]);

/**
 * Words that join two phrases into one longer one ("speeding on Church Road", "drug dealing in
 * the park"): a place or object preposition, optionally followed by a determiner.
 */
const LINK_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'on', 'at', 'near', 'outside', 'around', 'behind', 'along', 'by', 'opposite', 'of']);
const LINK_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'our', 'my', 'this', 'that', 'these', 'those', 'their', 'your']);

/** Tags that never start or end a key phrase, and never stand alone as one. */
const NOT_NOUNISH = new Set(['Adjective', 'Comparative', 'Superlative', 'Adverb', 'PastTense', 'Participle', 'Date', 'Duration', 'Value', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Copula', 'Modal', 'Auxiliary', 'Expression', 'QuestionWord', 'Negative']);
/** Tags that say an -s word may be a plural noun ("cars", and "lights" or "shops", which are also verbs). */
const FOLDABLE = new Set(['Plural', 'PresentTense']);
/** Tags that say an -s word is already singular ("bus", "news", "premises"). */
const NOT_FOLDABLE = new Set(['Singular', 'Uncountable', 'Adverb', 'Adjective', 'Possessive', 'Pronoun', 'Determiner', 'Copula', 'ProperNoun']);

const QUOTE_LIKE = /[\u2018\u2019\u201b\u02bc\u2032`´]/g;
const DASH_LIKE = /[\u2010\u2011]/g;
/** Web addresses and e-mail addresses are not words: each is replaced by a phrase break. */
const LINK = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/giu;
/** Letters and digits, with apostrophes and hyphens only inside a word ("anti-social", "don't"). */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['-][\p{L}\p{M}\p{N}]+)*/gu;
/** Anything else but spaces ends a phrase: full stops, commas, brackets, dashes, quotes, slashes. */
const BREAK = /[^\p{L}\p{M}\p{N}\s'-]|['-]{2,}|\s['-]+|['-]+\s|^['-]|['-]$/u;
/** BREAK, keeping the breaks: a capital after a full stop starts a sentence. */
const PIECES = new RegExp(`(${BREAK.source})`, 'u');
/** Sentence ends, so that a capital after one is read as the start of a sentence, not a name. */
const SENTENCE_END = /[.!?]\s*$/u;

/** Longest candidate phrase kept, in words: longer runs are split into their parts. */
const MAX_WORDS = 3;

let loading: Promise<WordClasses> | undefined;

/**
 * compromise's lexicon and noun inflector, loaded on first use: a dynamic import keeps its
 * start-up work (about 0.1–0.3 s) out of the cold start of every other API route.
 */
export function loadWordClasses(): Promise<WordClasses> {
  loading ??= import('compromise/two').then(({ default: nlp }) => {
    const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
    const methods = nlp.methods() as { two?: { transform?: { noun?: { toSingular?: (word: string, model: object) => string } } } };
    const lexicon = model.one?.lexicon;
    const toSingular = methods.two?.transform?.noun?.toSingular;
    if (!lexicon || !toSingular) throw new Error('compromise no longer exposes its lexicon or noun inflector: update themes.ts for its new version');
    return {
      tagsOf: (word) => {
        const tags = lexicon[word];
        return tags === undefined ? [] : typeof tags === 'string' ? [tags] : tags;
      },
      singular: (word) => toSingular(word, model),
    };
  });
  return loading;
}

/**
 * The key phrases most texts mention, RAKE-style: each text is split into candidate phrases at
 * punctuation and stop words; a candidate is trimmed of adjectives and verb forms at its ends
 * and kept only if what is left is a noun phrase or an "-ing" activity ("speeding", "fly
 * tipping"), and a single word only if it is not a vague one ("day", "area"). Two candidates
 * joined by a place preposition become one phrase too ("speeding on Church Road"), RAKE's
 * "adjoining keywords". Wordings that differ only in case, plurals, a possessive "'s" or hyphens
 * count as one phrase ("speeding cars", "Speeding car").
 *
 * A phrase is left out when a longer one containing it is mentioned by exactly as many texts
 * (every text saying "dealing" says "drug dealing"). Ordered by count, then longer phrases
 * first, then alphabetically.
 *
 * @example
 * await extractKeyPhrases(['Drug dealing in the park', 'drug dealing in the park again', 'Fine'])
 * // [{ phrase: 'drug dealing in the park', count: 2, share: { share: 0.667, … }, forms: […], texts: [0, 1] }]
 */
export async function extractKeyPhrases(texts: readonly string[], options: KeyPhraseOptions = {}): Promise<KeyPhrase[]> {
  const top = options.top ?? 10;
  const minCount = options.minCount ?? 2;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be a whole number >= 0, got ${top}`);
  if (!Number.isInteger(minCount) || minCount < 1) throw new RangeError(`minCount must be a whole number >= 1, got ${minCount}`);
  const words = new Lexicon(await loadWordClasses());
  const omitted = new Set(options.omitWords?.map((word) => words.key(normalise(word))));

  // Grouped without spaces too, so that "fly tipping", "fly-tipping" and "flytipping" are one.
  const found = new Map<string, { key: string; texts: number[]; forms: Map<string, number>; length: number }>();
  texts.forEach((text, index) => {
    const inText = new Map<string, { key: string; form: string }>();
    for (const candidate of candidatesOf(text, words)) {
      const compact = candidate.key.replaceAll(' ', '');
      if (!inText.has(compact)) inText.set(compact, candidate);
    }
    for (const [compact, { key, form }] of inText) {
      const entry = found.get(compact) ?? { key, texts: [], forms: new Map<string, number>(), length: key.split(' ').length };
      entry.texts.push(index);
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      found.set(compact, entry);
    }
  });

  const frequent = [...found.values()].filter((entry) => entry.texts.length >= minCount && !omitted.has(entry.key));
  const phrases: KeyPhrase[] = [];
  for (const entry of frequent) {
    const padded = ` ${entry.key} `;
    const subsumed = frequent.some((o) => o.length > entry.length && o.texts.length === entry.texts.length && ` ${o.key} `.includes(padded));
    if (subsumed) continue;
    const forms = [...entry.forms].sort(([a, x], [b, y]) => y - x || capitals(b) - capitals(a) || compare(a, b)).map(([form]) => form);
    phrases.push({ phrase: forms[0]!, count: entry.texts.length, share: wilsonInterval(entry.texts.length, texts.length), forms, texts: entry.texts });
  }
  phrases.sort((a, b) => b.count - a.count || wordCount(b.phrase) - wordCount(a.phrase) || compare(a.phrase.toLowerCase(), b.phrase.toLowerCase()));
  return phrases.slice(0, top);
}

interface Word {
  /** As written, lower-cased unless it is a name or an acronym. */
  form: string;
  /** Grouping key: lower case, singular, no possessive, no hyphens. */
  key: string;
  /** May end a phrase (a noun or an "-ing" activity), or stand alone as a single-word phrase. */
  edge: boolean;
  /** May start a phrase: what may end one, and adjectives ("primary school", "dark alleys"). */
  lead: boolean;
  /** An adjective that is also a noun after another noun ("street light", "bus stop"); not "broken". */
  compound: boolean;
  /** May stand alone. */
  alone: boolean;
  /** A linking preposition or determiner (only between two phrases). */
  link: 'preposition' | 'determiner' | null;
  /** A stop word: breaks a phrase. */
  stop: boolean;
}

/** Word facts, cached per distinct word: a text read twice costs nothing more. */
class Lexicon {
  private readonly cache = new Map<string, Omit<Word, 'form'>>();
  constructor(private readonly classes: WordClasses) {}

  word(token: string, form: string): Word {
    let facts = this.cache.get(token);
    if (!facts) {
      facts = this.facts(token);
      this.cache.set(token, facts);
    }
    return { form, ...facts };
  }

  key(phrase: string): string {
    return [...phrase.matchAll(TOKEN)].map(([token]) => this.word(token, token).key).join(' ');
  }

  private facts(token: string): Omit<Word, 'form'> {
    const link = LINK_PREPOSITIONS.has(token) ? 'preposition' : LINK_DETERMINERS.has(token) ? 'determiner' : null;
    const bare = token.endsWith("'s") ? token.slice(0, -2) : token;
    if (/\p{N}/u.test(token) || STOP_WORDS.has(token) || STOP_WORDS.has(bare) || [...bare].length < 2) return { key: bare, edge: false, lead: false, compound: false, alone: false, link, stop: true };
    const tags = this.classes.tagsOf(bare);
    const key = this.fold(bare, tags).replaceAll('-', '');
    const activity = bare.endsWith('ing') && bare.length > 5;
    const edge = activity || !tags.some((tag) => NOT_NOUNISH.has(tag));
    const lead = edge || tags.includes('Adjective');
    const compound = tags.includes('Adjective') && !/(?:ed|en)$/u.test(bare);
    return { key, edge, lead, compound, alone: edge && !VAGUE_NOUNS.has(key) && !VAGUE_NOUNS.has(bare), link, stop: false };
  }

  private fold(word: string, tags: readonly string[]): string {
    if (!word.endsWith('s') || /(?:ss|us|is|ics)$/u.test(word) || tags.some((tag) => NOT_FOLDABLE.has(tag))) return word;
    if (tags.length > 0 && !tags.some((tag) => FOLDABLE.has(tag))) return word;
    return this.classes.singular(word) || word;
  }
}

/** The candidate phrases of one text, with their grouping keys. */
function candidatesOf(text: string, lexicon: Lexicon): { key: string; form: string }[] {
  const candidates: { key: string; form: string }[] = [];
  const add = (words: readonly Word[]) => {
    if (words.length === 1 && !words[0]!.alone) return;
    candidates.push({ key: words.filter((w) => w.link !== 'determiner').map((w) => w.key).join(' '), form: words.map((w) => w.form).join(' ') });
  };
  let sentenceStart = true;
  for (const piece of clean(text).split(PIECES)) {
    if (piece === undefined) continue;
    if (!/[\p{L}\p{N}]/u.test(piece)) {
      if (SENTENCE_END.test(piece)) sentenceStart = true;
      continue;
    }
    // One phrase (between punctuation): runs of content words, with the linking words between them.
    const sequence: (Word | null)[] = [];
    for (const [token] of piece.matchAll(TOKEN)) {
      const lower = token.toLowerCase();
      const keepsCase = (token.length > 1 && token === token.toUpperCase() && /\p{L}/u.test(token)) || (!sentenceStart && /^\p{Lu}/u.test(token));
      sequence.push(lexicon.word(lower, keepsCase ? token : lower));
      sentenceStart = false;
    }
    const runs = splitRuns(sequence);
    for (const run of runs) for (const part of subPhrases(run.words)) add(part);
    for (let i = 0; i + 1 < runs.length; i++) {
      const [left, right] = [runs[i]!, runs[i + 1]!];
      const between = sequence.slice(left.end, right.start) as Word[];
      if (!isLink(between)) continue;
      const head = trimmed(left.words.slice(-MAX_WORDS));
      const tail = trimmed(right.words.slice(0, MAX_WORDS));
      if (head.length > 0 && tail.length > 0) add([...head, ...between, ...tail]);
    }
  }
  return candidates;
}

function clean(text: string): string {
  return text.normalize('NFKC').replace(QUOTE_LIKE, "'").replace(DASH_LIKE, '-').replace(LINK, '.');
}

function normalise(text: string): string {
  return clean(text).toLowerCase();
}

/** Maximal runs of content words, with where each starts and ends in the sequence. */
function splitRuns(sequence: readonly (Word | null)[]): { words: Word[]; start: number; end: number }[] {
  const runs: { words: Word[]; start: number; end: number }[] = [];
  let current: { words: Word[]; start: number; end: number } | null = null;
  sequence.forEach((word, i) => {
    if (word && !word.stop) {
      current ??= { words: [], start: i, end: i };
      current.words.push(word);
      current.end = i + 1;
    } else if (current) {
      runs.push(current);
      current = null;
    }
  });
  if (current) runs.push(current);
  return runs;
}

/** A preposition alone, or a preposition and a determiner: "on", "in the". */
function isLink(between: readonly Word[]): boolean {
  return (between.length === 1 && between[0]!.link === 'preposition') || (between.length === 2 && between[0]!.link === 'preposition' && between[1]!.link === 'determiner');
}

/** Drops words at either end that cannot start or end a phrase ("broken" in "street lights broken"). */
function trimmed(words: readonly Word[]): Word[] {
  let start = 0;
  let end = words.length;
  while (start < end && !words[start]!.lead) start++;
  const ends = (i: number) => words[i]!.edge || (words[i]!.compound && i > start && words[i - 1]!.edge);
  while (end > start && !ends(end - 1)) end--;
  return words.slice(start, end);
}

/** Every contiguous part of a run, up to MAX_WORDS long, trimmed; each distinct part once. */
function subPhrases(run: readonly Word[]): Word[][] {
  const parts = new Map<string, Word[]>();
  for (let start = 0; start < run.length; start++) {
    for (let end = start + 1; end <= Math.min(run.length, start + MAX_WORDS); end++) {
      const part = trimmed(run.slice(start, end));
      if (part.length > 0) parts.set(part.map((w) => w.key).join(' '), part);
    }
  }
  return [...parts.values()];
}

function capitals(text: string): number {
  return (text.match(/\p{Lu}/gu) ?? []).length;
}

function wordCount(phrase: string): number {
  return phrase.split(' ').length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
