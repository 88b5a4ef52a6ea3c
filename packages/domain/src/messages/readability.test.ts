import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageText } from './prose.ts';
import { measureReadability, readabilityScore } from './readability.ts';
import { ReadabilitySchema } from './schemas.ts';

const body = (concern: string, action = '', advice = ''): MessageText => ({ title: 'A title', concern, action, advice });

// Messages in the two styles the WMNow pilot compared: the police style it started from, and the
// three-part plain style it moved to (readability 6 → 9.6 on its 10-point scale).
const BEFORE: Record<string, MessageText> = {
  'the jargon-heavy update': body(
    'Officers were in attendance at the location following reports of ASB. Proactive patrols will be conducted by the NPT over the coming weeks and any individuals identified will be dealt with appropriately. Residents are encouraged to report any further incidents.',
  ),
  'the park update': {
    title: 'Victoria Park',
    concern:
      'Following reports of anti-social behaviour in the area of Victoria Park, officers from the Oldbury NPT have been conducting proactive patrols. A 17-year-old male was apprehended and has been dealt with appropriately.',
    action: '',
    advice: 'Any information in relation to this matter can be reported via 101 or Crimestoppers anonymously on 0800 555 111.',
  },
  'the burglary appeal': {
    title: 'Burglary',
    concern:
      'We have received a number of reports of burglaries in the Rowley Regis area over the last week, where offenders have gained entry via insecure rear doors and vehicle keys have been stolen.',
    action: 'Enquiries are ongoing and additional patrols are being conducted by officers in the vicinity.',
    advice: 'Residents are advised to ensure that all doors and windows are secured and that keys are kept out of sight.',
  },
};

const AFTER: Record<string, MessageText> = {
  'the young people near the shops': {
    title: 'Trouble near the shops on High Street',
    concern: 'Some young people have been causing trouble near the shops on High Street in the evenings.',
    action: 'Our neighbourhood team will walk through the area every evening this week. We will talk to the young people and their families.',
    advice: 'If you see anti-social behaviour, call 101 or report it online. In an emergency, call 999.',
  },
  'the break-ins': {
    title: 'Break-ins on Rowley Regis streets',
    concern: 'Five homes in Rowley Regis were broken into last week. The burglars got in through back doors that were not locked, and took car keys.',
    action: 'We have put extra officers on patrol in the area, day and night. We are checking doorbell cameras on the streets nearby.',
    advice: 'Lock your back door, even when you are at home. Keep your keys away from doors and windows. If you saw anything, call 101.',
  },
  'the scam calls': {
    title: 'Scam calls about bank accounts',
    concern: 'People in Tipton have had phone calls from someone pretending to be from their bank.',
    action: 'We are tracing the calls and warning banks in the area.',
    advice: 'Your bank will never ask you to move money. Hang up, wait five minutes, then call the number on your card.',
  },
};

describe('measureReadability', () => {
  it('matches the flesch package’s published example', () => {
    // “The cat sat on the mat”: 1 sentence, 6 words, 6 syllables.
    // 206.835 − 1.015 × 6/1 − 84.6 × 6/6 = 116.145; grade 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
    const r = measureReadability(body('The cat sat on the mat.'));

    expect(r).toMatchObject({ fleschReadingEase: 116.1, words: 6, sentences: 1 });
    // −1.45 sits on a rounding boundary, so floating point decides which neighbour it rounds to.
    expect([-1.4, -1.5]).toContain(r.fleschKincaidGrade);
  });

  it('counts syllables word by word with the syllable package', () => {
    // The flesch readme counts 23 syllables in this sentence; the syllable package counts 25:
    // The 1, Aus-tra-li-an 4, pla-ty-pus 3, is 1, seem-ing-ly 3, a 1, hy-brid 2, of 1, mam-mal 2,
    // and 1, rep-til-i-an 4, crea-ture 2. 206.835 − 1.015 × 12 − 84.6 × 25/12 = 18.405;
    // grade 0.39 × 12 + 11.8 × 25/12 − 15.59 = 13.673.
    const r = measureReadability(body('The Australian platypus is seemingly a hybrid of mammal and reptilian creature.'));

    expect(r).toMatchObject({ fleschReadingEase: 18.4, fleschKincaidGrade: 13.7, words: 12, sentences: 1 });
  });

  it('reads the three parts as one body, each part ending a sentence', () => {
    // Burglars 2, broke 1, into 2, three 1, homes 1, on 1, Park 1, Road 1, last 1, week 1 = 12 in 10 words;
    // We 1, are 1, pa-trol-ling 3, the 1, streets 1, at 1, night 1 = 9 in 7 words (no full stop);
    // Lock 1, your 1, doors 1, and 1, win-dows 2 = 6 in 5 words.
    // 22 words, 27 syllables, 3 sentences: 206.835 − 1.015 × 22/3 − 84.6 × 27/22 = 95.564;
    // grade 0.39 × 22/3 + 11.8 × 27/22 − 15.59 = 1.752.
    const r = measureReadability(body('Burglars broke into three homes on Park Road last week.', 'We are patrolling the streets at night', 'Lock your doors and windows.'));

    expect(r).toEqual({ fleschReadingEase: 95.6, fleschKincaidGrade: 1.8, score: 10, words: 22, sentences: 3, longSentences: 0, passiveVoice: 0, jargon: 0 });
  });

  it('leaves the title out', () => {
    const content = AFTER['the scam calls'] as MessageText;

    expect(measureReadability({ ...content, title: 'URGENT: ASB and RTC update from the NPT in relation to vehicles' })).toEqual(measureReadability(content));
  });

  it('counts long sentences, passive voice and jargon in the body', () => {
    const long = `${'We will walk round the park '.repeat(5).trim()} tonight.`;

    const r = measureReadability(body(long, 'Two men were arrested. The NPT attended.', 'Report ASB in relation to the park.'));

    expect(r).toMatchObject({ longSentences: 1, passiveVoice: 1, jargon: 3 });
  });

  it('scores an empty body 0', () => {
    expect(measureReadability(body('  ', '', '\n'))).toEqual({ fleschReadingEase: 0, fleschKincaidGrade: 0, score: 0, words: 0, sentences: 0, longSentences: 0, passiveVoice: 0, jargon: 0 });
  });

  it('returns what the schema stores, and a stored record reproduces its own score', () => {
    for (const content of [...Object.values(BEFORE), ...Object.values(AFTER)]) {
      const r = measureReadability(content);

      expect(ReadabilitySchema.parse(r)).toEqual(r);
      expect(readabilityScore(r)).toBe(r.score);
    }
  });

  it.each(Object.entries(BEFORE))('scores a police-style message (%s) between 4 and 6', (_, content) => {
    const { score } = measureReadability(content);

    expect(score).toBeGreaterThanOrEqual(4);
    expect(score).toBeLessThanOrEqual(6);
  });

  it.each(Object.entries(AFTER))('scores a plain three-part message (%s) 9 or more', (_, content) => {
    expect(measureReadability(content).score).toBeGreaterThanOrEqual(9);
  });
});

describe('readabilityScore', () => {
  const plain = { longSentences: 0, passiveVoice: 0, jargon: 0 };

  it.each([
    [120, 10],
    [70, 10],
    [55, 9],
    [40, 8],
    [25, 7],
    [10, 6],
    [0, 5.3],
    [-80, 0],
    [-200, 0],
  ])('maps reading ease %d to %d before penalties', (fleschReadingEase, score) => {
    expect(readabilityScore({ fleschReadingEase, ...plain })).toBe(score);
  });

  it('takes off 0.5 a long sentence (at most 1), 0.25 a passive (at most 1) and 0.25 a piece of jargon (at most 1.5)', () => {
    const at = (counts: Partial<typeof plain>) => readabilityScore({ fleschReadingEase: 70, ...plain, ...counts });

    expect([at({ longSentences: 1 }), at({ longSentences: 2 }), at({ longSentences: 9 })]).toEqual([9.5, 9, 9]);
    expect([at({ passiveVoice: 1 }), at({ passiveVoice: 4 }), at({ passiveVoice: 9 })]).toEqual([9.8, 9, 9]);
    expect([at({ jargon: 1 }), at({ jargon: 6 }), at({ jargon: 20 })]).toEqual([9.8, 8.5, 8.5]);
    expect(at({ longSentences: 9, passiveVoice: 9, jargon: 20 })).toBe(6.5);
  });

  it('never goes below 0', () => {
    expect(readabilityScore({ fleschReadingEase: -60, longSentences: 3, passiveVoice: 5, jargon: 8 })).toBe(0);
  });

  const ease = fc.double({ min: -300, max: 130, noNaN: true });
  const count = fc.integer({ min: 0, max: 40 });
  const counts = fc.record({ longSentences: count, passiveVoice: count, jargon: count });

  it('rises (or stays level) with reading ease', () => {
    fc.assert(
      fc.property(ease, ease, counts, (a, b, c) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(readabilityScore({ fleschReadingEase: low, ...c })).toBeLessThanOrEqual(readabilityScore({ fleschReadingEase: high, ...c }));
      }),
    );
  });

  it('falls (or stays level) with each coaching count', () => {
    fc.assert(
      fc.property(ease, counts, fc.constantFrom('longSentences', 'passiveVoice', 'jargon'), (e, c, key) => {
        const more = { ...c, [key]: c[key] + 1 };
        expect(readabilityScore({ fleschReadingEase: e, ...more })).toBeLessThanOrEqual(readabilityScore({ fleschReadingEase: e, ...c }));
      }),
    );
  });

  it('stays within 0–10 at one decimal', () => {
    fc.assert(
      fc.property(ease, counts, (e, c) => {
        const score = readabilityScore({ fleschReadingEase: e, ...c });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(10);
        expect(Math.round(score * 10) / 10).toBe(score);
      }),
    );
  });
});
