import { describe, expect, it } from 'vitest';
import { checkMessage } from './checks.ts';
import { coachMessage } from './coaching.ts';
import type { MessageText } from './prose.ts';
import { type CoachingNote, CoachingNoteSchema } from './schemas.ts';

const plain: MessageText = {
  title: 'Scam calls about bank accounts',
  concern: 'People in Tipton have had phone calls from someone pretending to be from their bank.',
  action: 'We are tracing the calls and warning banks in the area.',
  advice: 'Your bank will never ask you to move money. Hang up, wait five minutes, then call the number on your card.',
};

/** Each note as [part, kind, the text it points at]. */
const pointed = (content: MessageText, notes: CoachingNote[]) => notes.map((n) => [n.part, n.kind, content[n.part].slice(n.start, n.end)]);

const words = (n: number, word = 'walk') => Array.from({ length: n }, () => word).join(' ');
/** A sentence of `n` words, starting with a capital. */
const sentence = (n: number, word = 'walk') => `${word.toUpperCase().charAt(0)}${words(n, word).slice(1)}.`;

describe('coachMessage', () => {
  it('has nothing to say about a plain three-part message', () => {
    expect(coachMessage(plain)).toEqual([]);
  });

  it('points every note at the text it is about, in part order', () => {
    const content: MessageText = {
      title: 'ASB update',
      concern: 'Officers were in attendance at the location following reports of ASB.',
      action: 'Proactive patrols will be conducted by the NPT.',
      advice: 'PLEASE REPORT ANYTHING to 101.',
    };

    const notes = coachMessage(content);

    expect(pointed(content, notes)).toEqual([
      ['title', 'jargon', 'ASB'],
      ['concern', 'jargon', 'in attendance'],
      ['concern', 'jargon', 'at the location'],
      ['concern', 'jargon', 'ASB'],
      ['action', 'jargon', 'Proactive'],
      ['action', 'passive_voice', 'will be conducted'],
      ['action', 'jargon', 'conducted'],
      ['action', 'jargon', 'NPT'],
      ['advice', 'all_caps', 'PLEASE REPORT ANYTHING'],
    ]);
    for (const note of notes) expect(CoachingNoteSchema.parse(note)).toEqual(note);
  });

  it('suggests plain English for jargon, with a capital where the jargon starts a sentence', () => {
    const notes = coachMessage({ ...plain, concern: 'ASB is rising. Reports of ASB.' });

    expect(notes.map((n) => [n.kind, n.suggestion, n.severity])).toEqual([
      ['jargon', 'Anti-social behaviour', 'warning'],
      ['jargon', 'anti-social behaviour', 'warning'],
    ]);
    expect(notes[0]?.message).toContain('Write it out');
  });

  it('warns about sentences over 25 words and hints at those over 20', () => {
    const content = { ...plain, concern: `${sentence(26)} ${sentence(21, 'run')} ${sentence(20, 'sit')}` };

    const notes = coachMessage(content);

    expect(notes.map((n) => [n.kind, n.severity, n.start, n.end])).toEqual([
      ['long_sentence', 'warning', 0, 130],
      ['long_sentence', 'info', 131, 215],
    ]);
    expect(content.concern.slice(131, 215)).toBe(sentence(21, 'run'));
    expect(notes[0]?.message).toContain('26 words');
  });

  it('flags passive voice, but not adjectives after "be"', () => {
    const content = { ...plain, action: 'Two men were arrested and a car has been seized. We are worried and the road is closed.' };

    expect(pointed(content, coachMessage(content))).toEqual([
      ['action', 'passive_voice', 'were arrested'],
      ['action', 'passive_voice', 'has been seized'],
    ]);
  });

  it('flags shouting but not initialisms', () => {
    const content = { ...plain, title: 'URGENT: scam calls', advice: 'CCTV shows it. Call 101 NOW. DO NOT PAY.' };

    const notes = coachMessage(content);

    expect(pointed(content, notes)).toEqual([
      ['title', 'all_caps', 'URGENT'],
      ['advice', 'all_caps', 'NOW. DO NOT PAY'],
    ]);
    expect(notes.map((n) => n.suggestion)).toEqual(['Urgent', 'now. Do not pay']);
  });

  it.each(['concern', 'action', 'advice'] as const)('says which question a missing %s part answers', (part) => {
    const notes = coachMessage({ ...plain, [part]: '' });

    expect(notes).toEqual(checkMessage({ ...plain, [part]: '' }));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ part, kind: 'missing_part', severity: 'error' });
  });

  it('warns when the body passes 250 words, from the first word over', () => {
    const content = { ...plain, concern: sentence(100), action: sentence(100), advice: `${sentence(50)} Then stop here.` };

    const tooLong = coachMessage(content).filter((n) => n.kind === 'too_long');

    expect(tooLong).toHaveLength(1);
    expect(tooLong[0]).toMatchObject({ part: 'advice', severity: 'warning', start: content.advice.indexOf('Then'), end: content.advice.length });
    expect(tooLong[0]?.message).toContain('253 words');
  });

  it('does not warn at exactly 250 words', () => {
    const content = { ...plain, concern: sentence(100), action: sentence(100), advice: sentence(50) };

    expect(coachMessage(content).filter((n) => n.kind === 'too_long')).toEqual([]);
  });
});
