import { describe, expect, it } from 'vitest';
import { PART_QUESTIONS, checkMessage } from './checks.ts';
import { MessageContentSchema } from './schemas.ts';

const complete = {
  title: 'Scam calls about bank accounts',
  concern: 'People in Tipton have had calls from someone pretending to be their bank.',
  action: 'We are tracing the calls.',
  advice: 'Hang up and call the number on your card.',
};

describe('checkMessage', () => {
  it('passes a message with a title and all three parts', () => {
    expect(checkMessage(complete)).toEqual([]);
  });

  it.each([
    ['concern', 'What is the key concern?'],
    ['action', 'What are the police doing about it?'],
    ['advice', 'What can you do?'],
  ] as const)('refuses a message without the %s part, naming the question it answers', (part, question) => {
    const notes = checkMessage({ ...complete, [part]: '' });

    expect(notes).toEqual([{ part, kind: 'missing_part', start: 0, end: 0, severity: 'error', message: expect.stringContaining(`“${question}”`) as string }]);
    expect(PART_QUESTIONS[part]).toBe(question);
  });

  it('treats a part of only spaces and line breaks as missing', () => {
    expect(checkMessage({ ...complete, advice: ' \n ' })).toEqual([{ part: 'advice', kind: 'missing_part', start: 0, end: 3, severity: 'error', message: expect.any(String) as string }]);
  });

  it('refuses a message without a title, and lists every missing part at once', () => {
    const notes = checkMessage({ title: ' ', concern: '', action: '', advice: 'Hang up.' });

    expect(notes.map((n) => [n.part, n.kind, n.message])).toEqual([
      ['title', 'missing_part', 'Give the message a title.'],
      ['concern', 'missing_part', expect.stringContaining('What is the key concern?')],
      ['action', 'missing_part', expect.stringContaining('What are the police doing about it?')],
    ]);
  });

  it('refuses a part longer than the schema allows, pointing at the overflow', () => {
    const concern = `  ${'a'.repeat(1510)}  `;

    const [note, ...rest] = checkMessage({ ...complete, concern });

    expect(rest).toEqual([]);
    expect(note).toMatchObject({ part: 'concern', kind: 'too_long', severity: 'error', start: 1502, end: 1512 });
    expect(note?.message).toBe('The concern is 1,510 characters; the most it can be is 1,500.');
  });

  it('agrees with the schema on what can be stored', () => {
    const cases = [
      complete,
      { ...complete, title: '' },
      { ...complete, title: 'x'.repeat(121) },
      { ...complete, title: ` ${'x'.repeat(120)} ` },
      { ...complete, advice: 'y'.repeat(1501) },
      { ...complete, advice: 'y'.repeat(1500) },
    ];

    for (const content of cases) {
      expect(checkMessage(content).length > 0).toBe(!MessageContentSchema.safeParse(content).success);
    }
  });
});
