import { type BODY_PARTS, MESSAGE_PARTS, type MessagePart, type MessageText } from './prose.ts';
import { type CoachingNote, MessageContentSchema } from './schemas.ts';

/**
 * The checks that stop a message being sent: the API refuses a message with any of these notes,
 * and the composer shows them as errors beside the field. Everything else is coaching.
 */

export type BodyPart = (typeof BODY_PARTS)[number];

/** The question each part of a three-part message answers. */
export const PART_QUESTIONS: Readonly<Record<BodyPart, string>> = {
  concern: 'What is the key concern?',
  action: 'What are the police doing about it?',
  advice: 'What can you do?',
};

const PART_NAMES: Readonly<Record<MessagePart, string>> = { title: 'The title', concern: 'The concern', action: 'What the police are doing', advice: 'What residents can do' };

/** The schema's length limits, so a note appears while typing rather than as a 400 on send. */
const MAX_LENGTH: Readonly<Record<MessagePart, number>> = {
  title: MessageContentSchema.shape.title.maxLength ?? 120,
  concern: MessageContentSchema.shape.concern.maxLength ?? 1500,
  action: MessageContentSchema.shape.action.maxLength ?? 1500,
  advice: MessageContentSchema.shape.advice.maxLength ?? 1500,
};

/**
 * Blocking errors only: an empty title, an empty part (each of the three answers its own
 * question), or a part longer than the schema allows. Parts are compared after trimming, as the
 * schema does; ranges point into the text as given.
 *
 * @example
 * checkMessage({ title: 'Scam calls', concern: 'People have had calls from fake bank staff.', action: '', advice: 'Hang up.' })
 * // → [{ part: 'action', kind: 'missing_part', severity: 'error', start: 0, end: 0,
 * //      message: 'Say what the police are doing. This part answers “What are the police doing about it?”' }]
 */
export function checkMessage(content: MessageText): CoachingNote[] {
  const notes: CoachingNote[] = [];
  for (const part of MESSAGE_PARTS) {
    const text = content[part];
    const trimmed = text.trim();
    if (trimmed === '') {
      notes.push({ part, kind: 'missing_part', start: 0, end: text.length, severity: 'error', message: part === 'title' ? 'Give the message a title.' : missingPartMessage(part) });
      continue;
    }
    const max = MAX_LENGTH[part];
    if (trimmed.length > max) {
      const start = text.indexOf(trimmed) + max;
      notes.push({
        part,
        kind: 'too_long',
        start,
        end: start + trimmed.length - max,
        severity: 'error',
        message: `${PART_NAMES[part]} is ${trimmed.length.toLocaleString('en-GB')} characters; the most it can be is ${max.toLocaleString('en-GB')}.`,
      });
    }
  }
  return notes;
}

function missingPartMessage(part: BodyPart): string {
  const say = { concern: 'Say what the key concern is.', action: 'Say what the police are doing.', advice: 'Say what residents can do.' }[part];
  return `${say} This part answers “${PART_QUESTIONS[part]}”`;
}
