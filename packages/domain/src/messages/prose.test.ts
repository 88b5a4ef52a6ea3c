import { describe, expect, it } from 'vitest';
import { countSyllables, passiveVoice, sentences, words } from './prose.ts';

const passives = (text: string) => sentences(text).flatMap((s) => passiveVoice(text, s).map((m) => m.text));

describe('sentences', () => {
  it('splits at full stops, question and exclamation marks followed by a capital, and at line breaks', () => {
    const text = 'Cars were hit. Was yours one?  Call us!\nLock up\n\n- Take bags out';

    const found = sentences(text);

    expect(found.map((s) => s.text)).toEqual(['Cars were hit.', 'Was yours one?', 'Call us!', 'Lock up', 'Take bags out']);
    for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split after abbreviations or before a lower-case word', () => {
    const text = 'Insp. Jones met residents at St. Mary’s Church, e.g. the choir. Then she left.';

    expect(sentences(text).map((s) => s.words.length)).toEqual([11, 3]);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    const text = 'He said “call 101.” Then (as asked.) We left';

    expect(sentences(text).map((s) => s.text)).toEqual(['He said “call 101.”', 'Then (as asked.)', 'We left']);
  });

  it('finds no sentence in an empty or wordless text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences('  —  \n • ')).toEqual([]);
  });
});

describe('words', () => {
  it('keeps hyphenated words, contractions and section numbers whole', () => {
    expect(words('Anti-social driving: it’s s.60 until 10.30pm.').map((w) => w.text)).toEqual(['Anti-social', 'driving', 'it’s', 's.60', 'until', '10.30pm']);
  });
});

describe('countSyllables', () => {
  it('uses the syllable package for ordinary words', () => {
    // The syllable package's own examples: syllable 3, unicorn 3, wine-bottle 3.
    expect(['syllable', 'unicorn', 'wine-bottle', 'police', 'patrolling'].map(countSyllables)).toEqual([3, 3, 3, 2, 3]);
  });

  it('reads initialisms letter by letter', () => {
    expect(['ASB', 'PCSO', 'PCSOs', 'RTC'].map(countSyllables)).toEqual([3, 4, 4, 3]);
  });

  it('counts a number as one syllable and every word as at least one', () => {
    expect(['101', '0800', '17-year-old', 'mmm'].map(countSyllables)).toEqual([1, 1, 3, 1]);
  });
});

describe('passiveVoice', () => {
  it.each([
    ['Two men were arrested on Friday.', 'were arrested'],
    ['A burglary was reported on Monday.', 'was reported'],
    ['Cannabis worth £2,000 has been seized.', 'has been seized'],
    ['The car was stolen from a driveway.', 'was stolen'],
    ['The case is being investigated.', 'is being investigated'],
    ['Patrols will be conducted by the team.', 'will be conducted'],
    ['He was not charged.', 'was not charged'],
    ['Three men were quickly caught.', 'were quickly caught'],
    ['Residents are advised to lock their doors.', 'are advised'],
    ['The road was closed by police.', 'was closed'],
    ['Keys were taken and a window was broken.', 'were taken', 'was broken'],
  ])('flags "%s"', (text, ...expected) => {
    expect(passives(text)).toEqual(expected);
  });

  it.each([
    'I am tired after the meeting.',
    'Residents are worried about speeding.',
    'The road is closed until Monday.',
    'We arrested two men.',
    'Officers are in the area tonight.',
    'It is a red car.',
    'The house is a hundred years old.',
    'The shed was empty.',
    'We are patrolling the park.',
    'The meeting is on Tuesday.',
    'She was born here.',
    'They were interested in joining.',
    'The door was locked.',
    'It’s stolen.',
  ])('leaves "%s" alone', (text) => {
    expect(passives(text)).toEqual([]);
  });

  it('does not join a "be" in one sentence to a participle in the next', () => {
    expect(passives('That is. Arrested men went home.')).toEqual([]);
  });

  it('gives ranges into the text', () => {
    const text = 'Yesterday two cars were damaged.';

    const [match] = sentences(text).flatMap((s) => passiveVoice(text, s));

    expect(match).toEqual({ text: 'were damaged', start: 19, end: 31 });
    expect(text.slice(19, 31)).toBe('were damaged');
  });
});
