/**
 * How the composer shows the domain's readability coaching: notes cut into highlighted stretches
 * of a field's text (for the mirror behind each text box), the score's band, and applying a
 * suggestion. Pure, so it is unit-tested; the coaching itself is the domain's `coachMessage`.
 */
import { PART_QUESTIONS, type CoachingNote, type MessageContent } from '@wardpulse/domain';

export type Part = CoachingNote['part'];
export type NoteKind = CoachingNote['kind'];

/** Kinds that point at words in the text (the others are about the part as a whole). */
export const HIGHLIGHTED: readonly NoteKind[] = ['long_sentence', 'passive_voice', 'jargon', 'all_caps', 'too_long'];

export const KIND_LABELS: Record<NoteKind, string> = {
  long_sentence: 'Long sentence',
  passive_voice: 'Passive voice',
  jargon: 'Jargon',
  missing_part: 'Missing part',
  too_long: 'Too long',
  all_caps: 'Capitals',
};

export interface Segment {
  text: string;
  /** Kinds of the notes covering this stretch, in a fixed order (for CSS classes). */
  kinds: NoteKind[];
}

/**
 * Cuts `text` at every note boundary, so each stretch knows which notes cover it. Ranges are
 * clamped to the text (a note may be a keystroke behind it). Concatenating the segments gives
 * `text` back exactly, which is what keeps the mirror aligned with the text box.
 *
 * @example
 * segments('Reports of ASB.', [{ kind: 'jargon', start: 11, end: 14 }])
 * // → [{ text: 'Reports of ', kinds: [] }, { text: 'ASB', kinds: ['jargon'] }, { text: '.', kinds: [] }]
 */
export function segments(text: string, notes: readonly Pick<CoachingNote, 'kind' | 'start' | 'end'>[]): Segment[] {
  const ranges = notes
    .filter((note) => HIGHLIGHTED.includes(note.kind))
    .map((note) => ({ kind: note.kind, start: Math.max(0, Math.min(note.start, text.length)), end: Math.max(0, Math.min(note.end, text.length)) }))
    .filter((range) => range.end > range.start);
  const cuts = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const result: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const kinds = HIGHLIGHTED.filter((kind) => ranges.some((r) => r.kind === kind && r.start <= start && r.end >= end));
    const previous = result.at(-1);
    if (previous && previous.kinds.join() === kinds.join()) previous.text += text.slice(start, end);
    else result.push({ text: text.slice(start, end), kinds });
  }
  return result;
}

/**
 * Replaces the note's range with its suggestion, if the text there is still what the note was
 * about (the officer may have typed since); otherwise null.
 */
export function applySuggestion(text: string, note: Pick<CoachingNote, 'start' | 'end' | 'suggestion'>, expected: string): string | null {
  if (note.suggestion === undefined || text.slice(note.start, note.end) !== expected) return null;
  return text.slice(0, note.start) + note.suggestion + text.slice(note.end);
}

/** What a 0–10 readability score means, in the officer's terms. */
export function scoreBand(score: number): { label: string; tone: 'low' | 'mid' | 'high' } {
  if (score >= 8) return { label: 'Easy to read', tone: 'high' };
  if (score >= 5) return { label: 'Fairly easy to read', tone: 'mid' };
  return { label: 'Hard to read', tone: 'low' };
}

/** Flesch's own bands for reading ease. */
export function easeBand(ease: number): string {
  if (ease >= 90) return 'very easy';
  if (ease >= 80) return 'easy';
  if (ease >= 70) return 'fairly easy';
  if (ease >= 60) return 'plain English';
  if (ease >= 50) return 'fairly difficult';
  if (ease >= 30) return 'difficult';
  return 'very difficult';
}

/** `7.4`, `10`, `0`: one decimal unless whole. */
export const formatScore = (score: number) => (Math.round(score * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 });

/**
 * The note's words, as the list under a field shows them after its kind: the words it is about
 * (when the note's own message does not quote them), what to do, and the suggestion.
 */
export function noteDetail(note: Pick<CoachingNote, 'kind' | 'message' | 'suggestion'>, quoted: string): string {
  const short = quoted.length > 60 ? `${quoted.slice(0, 57)}…` : quoted;
  const where = short.trim() && !note.message.includes(`“${quoted}”`) && note.kind !== 'missing_part' && note.kind !== 'too_long' ? `“${short.trim()}”: ` : '';
  const ending = /[.!?”]$/.test(note.message) ? '' : '.';
  const suggestion = note.suggestion ? ` Try “${note.suggestion}”.` : '';
  return `${where}${note.message}${ending}${suggestion}`;
}

/** Notes for one part, errors first, then in the order they appear. */
export function notesFor(notes: readonly CoachingNote[], part: Part): CoachingNote[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return notes.filter((note) => note.part === part).sort((a, b) => rank[a.severity] - rank[b.severity] || a.start - b.start);
}

/** The three parts, with the question each answers (the composer's labels) and residents' headings. */
export const PARTS = [
  { part: 'concern', question: PART_QUESTIONS.concern, heading: 'What’s happening', hint: 'What has happened, where and when. One or two short sentences.' },
  { part: 'action', question: PART_QUESTIONS.action, heading: 'What we’re doing', hint: 'What officers are doing now and next, in everyday words.' },
  { part: 'advice', question: PART_QUESTIONS.advice, heading: 'What you can do', hint: 'One to three things people can do, and how to report it.' },
] as const satisfies readonly { part: Exclude<Part, 'title'>; question: string; heading: string; hint: string }[];

/** An empty message, as a new draft starts. */
export const emptyContent = (): MessageContent => ({ title: '', concern: '', action: '', advice: '' });
