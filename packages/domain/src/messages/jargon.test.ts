import { describe, expect, it } from 'vitest';
import { JARGON, findJargon } from './jargon.ts';

const found = (text: string) => findJargon(text).map((m) => [m.text, m.suggestion]);

describe('findJargon', () => {
  it('finds the police words the pilot asked officers to drop, with plain-English replacements', () => {
    const text = 'Officers were in attendance after reports of ASB. Proactive patrols by the NPT and PCSOs will continue.';

    expect(found(text)).toEqual([
      ['in attendance', 'there'],
      ['ASB', 'anti-social behaviour'],
      ['Proactive', 'Regular'],
      ['NPT', 'neighbourhood policing team'],
      ['PCSOs', 'police community support officers'],
    ]);
  });

  it('finds officialese in any case', () => {
    expect(found('A MALE was apprehended. Vehicle seized. We will commence in relation to this AT THIS MOMENT IN TIME.')).toEqual([
      ['MALE', 'man'],
      ['apprehended', 'arrested'],
      ['Vehicle', 'Car'],
      ['commence', 'start'],
      ['in relation to', 'about'],
      ['AT THIS MOMENT IN TIME', 'now'],
    ]);
  });

  it('matches whole words only', () => {
    expect(found('ANPT NPTX femaleness malevolent vehicles')).toEqual([['vehicles', 'cars']]);
    expect(found('A female officer')).toEqual([['female', 'woman']]);
  });

  it('matches initialisms only in capitals, so ordinary words are left alone', () => {
    expect(found('npt asb Asb')).toEqual([]);
    expect(found('the NPT’s office; ASB-related calls')).toEqual([
      ['NPT', 'neighbourhood policing team'],
      ['ASB', 'anti-social behaviour'],
    ]);
  });

  it('finds section numbers, codes and hyphenated forms', () => {
    expect(found('A s.60 order and a Section 60 order; IC3 male; intelligence-led work; RTC on the A38.')).toEqual([
      ['s.60', 'extra stop and search powers'],
      ['Section 60', 'extra stop and search powers'],
      ['IC3', 'black'],
      ['male', 'man'],
      ['intelligence-led', 'targeted'],
      ['RTC', 'crash'],
    ]);
  });

  it('prefers the longest phrase and matches across line breaks', () => {
    expect(found('in the vicinity of the park, in the\nvicinity')).toEqual([
      ['in the vicinity of', 'near'],
      ['in the\nvicinity', 'nearby'],
    ]);
  });

  it('gives ranges that point at the jargon', () => {
    const text = 'Reports of ASB in relation to the park.';

    for (const match of findJargon(text)) expect(text.slice(match.start, match.end)).toBe(match.text);
    expect(findJargon(text).map((m) => [m.start, m.end])).toEqual([
      [11, 14],
      [15, 29],
    ]);
  });
});

describe('JARGON', () => {
  const forms = JARGON.flatMap((entry) => Object.entries(entry.forms).map(([form, suggestion]) => ({ form, suggestion, entry })));

  it.each(forms)('finds "$form" in a sentence and suggests "$suggestion"', ({ form, suggestion, entry }) => {
    const text = `We saw ${form} today.`;

    const [match, ...rest] = findJargon(text);

    expect(rest).toEqual([]);
    expect(match).toMatchObject({ text: form, start: 7, end: 7 + form.length, suggestion, reason: entry.reason });
  });

  it.each(forms)('does not find "$form" inside a longer word', ({ form }) => {
    expect(findJargon(`x${form}x`)).toEqual([]);
  });

  it('gives every entry a reason and every form a replacement', () => {
    for (const entry of JARGON) {
      expect(entry.reason.length).toBeGreaterThan(5);
      for (const suggestion of Object.values(entry.forms)) expect(suggestion.trim()).not.toBe('');
    }
  });
});
