import { describe, expect, it } from 'vitest';
import { extractThemes } from './themes.ts';

describe('extractThemes', () => {
  it('counts the texts that mention a term, not how often it is said', () => {
    const themes = extractThemes(['Speeding speeding speeding!', 'Speeding cars', 'Drugs']);

    expect(themes).toContainEqual({ term: 'speeding', count: 2, kind: 'word' });
    expect(themes.find((theme) => theme.term === 'drugs')).toBeUndefined();
  });

  it('ignores case, stop words and the fillers of conversational writing', () => {
    const themes = extractThemes(['I just really think there is NOTHING being done about Litter', "i don't know, litter is everywhere"]);

    expect(themes).toEqual([{ term: 'litter', count: 2, kind: 'word' }]);
  });

  it('reads curly apostrophes like straight ones and drops a possessive s', () => {
    const themes = extractThemes(['The children’s play area isn’t safe', "Children's play area needs lights", 'children on bikes']);

    expect(themes).toContainEqual({ term: 'children', count: 3, kind: 'word' });
    expect(themes).toContainEqual({ term: 'children play', count: 2, kind: 'bigram' });
    expect(themes).toContainEqual({ term: 'play area', count: 2, kind: 'bigram' });
    expect(themes.map((theme) => theme.term)).not.toContain("isn't");
  });

  it('drops numbers and words containing digits', () => {
    const themes = extractThemes(['3 cars racing at 10pm on the A34', 'Cars racing 24/7 since 2023', 'racing cars 24 hours']);

    expect(themes).toEqual([
      { term: 'cars', count: 3, kind: 'word' },
      { term: 'racing', count: 3, kind: 'word' },
      { term: 'cars racing', count: 2, kind: 'bigram' },
    ]);
  });

  it('never joins words across punctuation, a stop word or a dropped number', () => {
    const texts = ['Speeding, parking', 'Speeding. Parking', 'speeding (parking)', 'speeding - parking', 'speeding on parking', 'speeding 4 parking', 'speeding/parking'];

    const themes = extractThemes(texts);

    expect(themes).toEqual([
      { term: 'parking', count: 7, kind: 'word' },
      { term: 'speeding', count: 7, kind: 'word' },
    ]);
  });

  it('skips links and e-mail addresses', () => {
    const themes = extractThemes(['See https://example.com/street-lights street lights', 'www.example.org street lights', 'mail parks@example.gov.uk street lights']);

    expect(themes).toEqual([{ term: 'street lights', count: 3, kind: 'bigram' }]);
  });

  it('keeps hyphenated words whole', () => {
    const themes = extractThemes(['Anti-social behaviour again', 'anti-social behaviour in the park']);

    expect(themes).toEqual([{ term: 'anti-social behaviour', count: 2, kind: 'bigram' }]);
  });

  it('shows a bigram instead of its words only when the bigram is as frequent', () => {
    // "anti-social" and "behaviour" are always said together (3 texts each, and the bigram 3):
    // only the bigram is shown. "drug" is in 4 texts but "drug dealing" in 2: both are shown;
    // "dealing" (2 texts) is never said without "drug", so it is left out.
    const texts = [
      'Anti-social behaviour and drug dealing',
      'anti-social behaviour near the shops, drug dealing too',
      'Anti-social behaviour every night',
      'drug use in the park',
      'Drug users in the alley',
    ];

    const themes = extractThemes(texts);

    expect(themes).toEqual([
      { term: 'drug', count: 4, kind: 'word' },
      { term: 'anti-social behaviour', count: 3, kind: 'bigram' },
      { term: 'drug dealing', count: 2, kind: 'bigram' },
    ]);
  });

  it('orders by count, then bigrams before words, then alphabetically, and keeps the top few', () => {
    const texts = ['street lights broken', 'street lights out', 'dark alley', 'dark alley', 'bins', 'bins'];

    expect(extractThemes(texts)).toEqual([
      { term: 'dark alley', count: 2, kind: 'bigram' },
      { term: 'street lights', count: 2, kind: 'bigram' },
      { term: 'bins', count: 2, kind: 'word' },
    ]);
    expect(extractThemes(texts, { top: 1 })).toEqual([{ term: 'dark alley', count: 2, kind: 'bigram' }]);
  });

  it('includes single mentions when minCount is 1', () => {
    expect(extractThemes(['Graffiti'], { minCount: 1 })).toEqual([{ term: 'graffiti', count: 1, kind: 'word' }]);
  });

  it('hides omitted words on their own but keeps phrases that contain them', () => {
    const texts = ['More police on the streets', 'Police station closed', 'police station should reopen', 'Police never come'];

    const themes = extractThemes(texts, { omitWords: ['Police'] });

    // "station" is only ever in "police station" (2 texts each), so only the phrase is left.
    expect(themes).toEqual([{ term: 'police station', count: 2, kind: 'bigram' }]);
  });

  it('returns nothing for no texts', () => {
    expect(extractThemes([])).toEqual([]);
    expect(extractThemes(['', '   ', '!!!'])).toEqual([]);
  });

  it.each([{ top: -1 }, { top: 1.5 }, { minCount: 0 }])('rejects options %j', (options) => {
    expect(() => extractThemes(['x'], options)).toThrow(RangeError);
  });
});
