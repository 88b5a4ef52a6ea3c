import { DONT_KNOW, SCALES } from '../constants/scales.ts';
import { inBreakdown, type AggregateDeltas, type Counters } from './aggregates.ts';
import type { Question } from './questions.ts';
import type { SurveyContent } from './survey.ts';

/**
 * How big a survey may be, so that every response it can receive is stored in one write.
 *
 * One response updates its ward's aggregate counters in a single DynamoDB transaction, so the
 * largest survey `checkDraft` lets an officer publish must fit DynamoDB's limits: an update
 * expression of at most 4 KB (one `ADD` term per counter), items of at most 400 KB, at most 100
 * items per transaction. The counters are therefore laid out over several items ("parts"), packed
 * question by question so that no part's update or size passes the budgets below; a survey whose
 * layout would still need too many parts, or whose longest answers would not fit one request, is
 * refused with a message that says what to cut.
 */
export const CAPACITY = {
  /** Body limit of the public API (API Gateway and the local server both enforce it). */
  submissionBytes: 64 * 1024,
  /** `ADD #12 :v12, …` terms per update: ≤ 12 characters each keeps the expression under 4 KB. */
  termsPerUpdate: 250,
  /** Bytes of counters per aggregate item (DynamoDB allows 400 KB; half leaves a wide margin). */
  partBytes: 200_000,
  /** Items of one response's transaction: the response, its receipt, two checks and its aggregate parts (DynamoDB allows 100). */
  itemsPerSubmit: 100,
  /**
   * Counter bytes all of one response's aggregate items may hold. A write costs one unit per KB of
   * the item written, so this bounds the cost of storing a response (about 4,000 write units).
   */
  bytesPerResponse: 2_000_000,
} as const;

/** Items of a submission's transaction besides its aggregate parts: response, receipt, survey check, allowance. */
export const SUBMIT_FIXED_ITEMS = 4;

/** UTF-8 bytes a resident's typed character can take in JSON (emoji 4 per 2 UTF-16 units, CJK 3, `\n` 2). */
const BYTES_PER_TYPED_CHARACTER = 3;
/** A counter's size in an item: its name plus a DynamoDB number of up to 20 digits. */
const counterBytes = (name: string) => name.length + 12;

/** Which aggregate item a counter is written to. */
export type PartKey = { kind: 'main'; index: number } | { kind: 'breakdown'; demographic: string; index: number };

export interface AggregateLayout {
  /** Question id → main part; `n` is always in part 0. */
  main: Map<string, number>;
  mainParts: number;
  /** Demographic question id → (question id → part); each demographic's own `n` is in its part 0. */
  breakdown: Map<string, Map<string, number>>;
  breakdownParts: Map<string, number>;
}

export interface CapacityReport {
  layout: AggregateLayout;
  /** Items a response answering everything writes (1 for the response itself). */
  itemsPerSubmit: number;
  /** Largest aggregate part, in bytes, once every counter exists. */
  largestPartBytes: number;
  /** Most `ADD` terms one response puts in one part's update. */
  largestUpdateTerms: number;
  /** Counter bytes a response's aggregate items hold once full (sets its write cost). */
  bytesPerResponse: number;
  /** The longest body a response can need, in bytes. */
  submissionBytes: number;
}

const optionIdsOf = (question: Question): string[] => {
  if (question.type === 'likert') return [...SCALES[question.scale].map((p) => p.id), ...(question.dontKnow ? [DONT_KNOW] : [])];
  if (question.type === 'scale10') return [...Array.from({ length: 11 }, (_, value) => String(value)), ...(question.dontKnow ? [DONT_KNOW] : [])];
  if ('options' in question) return [...question.options.map((o) => o.id), ...('dontKnow' in question && question.dontKnow ? [DONT_KNOW] : [])];
  return [];
};

/** Every counter a question can ever add to its ward's main item (see `aggregateDeltas`). */
export function possibleCounters(question: Question): string[] {
  const q = question.id;
  const options = optionIdsOf(question).map((id) => `${q}#o#${id}`);
  switch (question.type) {
    case 'statement':
    case 'location':
      return [];
    case 'single':
    case 'demographic':
    case 'multiple':
      return [`${q}#n`, ...options];
    case 'likert':
      return [`${q}#n`, ...options, `${q}#sum`, `${q}#scored`, `${q}#top2`];
    case 'scale10':
      return [`${q}#n`, `${q}#sum`, ...options];
    case 'ranking':
      return [`${q}#n`, ...options, ...question.options.flatMap((o) => Array.from({ length: question.pick }, (_, i) => `${q}#r#${o.id}#${i + 1}`))];
    case 'text':
      return [`${q}#n`, `${q}#s#positive`, `${q}#s#neutral`, `${q}#s#negative`, `${q}#s#sum`];
  }
}

/** The most counters one response adds for a question (its longest possible answer). */
export function termsPerResponse(question: Question): { main: number; breakdown: number } {
  switch (question.type) {
    case 'statement':
    case 'location':
      return { main: 0, breakdown: 0 };
    case 'single':
    case 'demographic':
      return { main: 2, breakdown: 2 };
    case 'multiple': {
      const chosen = Math.min(question.maxChoices ?? question.options.length, question.options.length);
      return { main: 1 + chosen, breakdown: 1 + chosen };
    }
    case 'likert':
      return { main: 5, breakdown: 3 };
    case 'scale10':
      return { main: 3, breakdown: 2 };
    case 'ranking':
      return { main: 1 + 2 * question.pick, breakdown: 1 + 2 * question.pick };
    case 'text':
      return { main: 3, breakdown: 0 };
  }
}

/** Packs questions into parts in order: a new part when the next question would pass a budget. */
function pack(entries: { id: string; bytes: number; terms: number }[], first: { bytes: number; terms: number }) {
  const assignment = new Map<string, number>();
  const parts = [{ ...first }];
  for (const entry of entries) {
    const current = parts[parts.length - 1]!;
    if (current.bytes + entry.bytes > CAPACITY.partBytes || current.terms + entry.terms > CAPACITY.termsPerUpdate) parts.push({ bytes: 0, terms: 0 });
    const part = parts[parts.length - 1]!;
    part.bytes += entry.bytes;
    part.terms += entry.terms;
    assignment.set(entry.id, parts.length - 1);
  }
  return { assignment, parts };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The longest JSON body a response to this survey can be (ids, every option chosen, every text at its limit). */
export function largestSubmissionBytes(content: SurveyContent): number {
  // {"id":"<uuid>","surveyId":"<64>","version":<9 digits>,"locale":"xx","startedAt":"<24>","website":"<200>","answers":{…}}
  const envelope = 200 + 64 + 200 + 24 + 36 + 80;
  const answer = (question: Question): number => {
    const key = question.id.length + 4;
    switch (question.type) {
      case 'statement':
        return 0;
      case 'location':
        return key + 60;
      case 'single':
      case 'demographic':
      case 'likert':
      case 'scale10':
        return key + 16 + Math.max(...optionIdsOf(question).map((id) => id.length));
      case 'multiple':
      case 'ranking': {
        const lengths = question.options.map((o) => o.id.length + 3).sort((a, b) => b - a);
        const count = question.type === 'ranking' ? question.pick : Math.min(question.maxChoices ?? lengths.length, lengths.length);
        return key + 16 + sum(lengths.slice(0, count));
      }
      case 'text':
        return key + 12 + question.maxLength * BYTES_PER_TYPED_CHARACTER;
    }
  };
  return envelope + sum(content.questions.map(answer));
}

/** Lays a survey's counters out over aggregate parts and measures the result against `CAPACITY`. */
export function measureCapacity(content: SurveyContent): CapacityReport {
  const counted = content.questions.filter((q) => q.type !== 'statement' && q.type !== 'location');
  const main = pack(
    counted.map((q) => ({ id: q.id, bytes: sum(possibleCounters(q).map(counterBytes)), terms: termsPerResponse(q).main })),
    { bytes: counterBytes('n'), terms: 1 },
  );
  const broken = counted.filter((q) => q.type !== 'demographic' && q.type !== 'text');
  const breakdown = new Map<string, Map<string, number>>();
  const breakdownParts = new Map<string, number>();
  let largestPartBytes = Math.max(...main.parts.map((p) => p.bytes));
  let largestUpdateTerms = Math.max(...main.parts.map((p) => p.terms));
  let bytesPerResponse = sum(main.parts.map((p) => p.bytes));
  // The response, its receipt (kept after the answers expire), the survey's open check, the
  // sender's allowance and every aggregate part: one transaction.
  let items = SUBMIT_FIXED_ITEMS + main.parts.length;
  for (const demographic of content.questions.filter((q) => q.type === 'demographic')) {
    const options = optionIdsOf(demographic);
    const prefixed = (name: string) => sum(options.map((option) => counterBytes(`x#${demographic.id}#${option}#${name}`)));
    const packed = pack(
      broken.map((q) => ({ id: q.id, bytes: sum(possibleCounters(q).filter(inBreakdown).map(prefixed)), terms: termsPerResponse(q).breakdown })),
      { bytes: prefixed('n'), terms: 1 },
    );
    breakdown.set(demographic.id, packed.assignment);
    breakdownParts.set(demographic.id, packed.parts.length);
    largestPartBytes = Math.max(largestPartBytes, ...packed.parts.map((p) => p.bytes));
    largestUpdateTerms = Math.max(largestUpdateTerms, ...packed.parts.map((p) => p.terms));
    bytesPerResponse += sum(packed.parts.map((p) => p.bytes));
    items += packed.parts.length;
  }
  return {
    layout: { main: main.assignment, mainParts: main.parts.length, breakdown, breakdownParts },
    itemsPerSubmit: items,
    largestPartBytes,
    largestUpdateTerms,
    bytesPerResponse,
    submissionBytes: largestSubmissionBytes(content),
  };
}

export interface DeltaPart {
  part: PartKey;
  counters: Counters;
}

/**
 * One response's counters, split over the items of the survey's layout. Counter names say where
 * they belong: `<q>#…` (main, by question), `n` (main part 0), `x#<demo>#<option>#<q>#…` and
 * `x#<demo>#<option>#n` (that demographic's parts). Empty parts are left out.
 */
export function splitDeltas(layout: AggregateLayout, deltas: AggregateDeltas): DeltaPart[] {
  const parts = new Map<string, DeltaPart>();
  const put = (part: PartKey, name: string, value: number) => {
    const id = part.kind === 'main' ? `m${part.index}` : `x${part.demographic}#${part.index}`;
    let entry = parts.get(id);
    if (!entry) parts.set(id, (entry = { part, counters: {} }));
    entry.counters[name] = value;
  };
  for (const [name, value] of Object.entries(deltas.main)) {
    put({ kind: 'main', index: name === 'n' ? 0 : (layout.main.get(name.split('#', 1)[0]!) ?? 0) }, name, value);
  }
  for (const [name, value] of Object.entries(deltas.breakdown)) {
    const segments = name.split('#');
    const demographic = segments[1] ?? '';
    // `x#<demo>#<option>#n` is the demographic's own count; anything longer names a question.
    const index = segments.length === 4 ? 0 : (layout.breakdown.get(demographic)?.get(segments[3] ?? '') ?? 0);
    put({ kind: 'breakdown', demographic, index }, name, value);
  }
  return [...parts.values()];
}
