import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './proportion.ts';
import { extractKeyPhrases, type KeyPhrase } from './themes.ts';

/** Comments as residents write them in a community-safety survey. */
const COMMENTS = [
  'Speeding on Church Road every night, someone will get killed',
  'Drug dealing in the park is getting worse',
  'I feel fine walking around during the day',
  'Speeding cars outside the school at home time',
  'Speeding on Church Road is terrible. Fine otherwise.',
  'drug dealing in the park near the flats, I feel unsafe',
  'I feel fine in the day',
  'It is fine during the day but not at night',
  'Street lights are broken on Oak Avenue so it is dark',
  'street lights broken outside my house',
  'Fly tipping in the alleyways behind the houses',
  'fly-tipping behind the shops again',
  'Anti-social behaviour by youths near the shops',
  'Antisocial behaviour from kids on scooters',
  'the speeding car outside my house',
];

const phrases = (found: readonly KeyPhrase[]) => found.map((p) => p.phrase);
const find = (found: readonly KeyPhrase[], phrase: string) => found.find((p) => p.phrase === phrase);

describe('extractKeyPhrases', () => {
  it('finds the phrases residents use, not single vague words', async () => {
    const found = await extractKeyPhrases(COMMENTS, { top: 30 });

    expect(phrases(found)).toEqual(expect.arrayContaining(['speeding on Church Road', 'drug dealing in the park', 'street lights', 'fly tipping', 'anti-social behaviour']));
    for (const vague of ['feel', 'day', 'fine', 'night', 'dark', 'unsafe', 'walking', 'time']) expect(phrases(found)).not.toContain(vague);
    expect(find(found, 'speeding on Church Road')).toMatchObject({ count: 2, texts: [0, 4] });
    expect(find(found, 'drug dealing in the park')).toMatchObject({ count: 2, texts: [1, 5] });
  });

  it('counts plurals, case, hyphens and spaces as one phrase and lists the wordings', async () => {
    const found = await extractKeyPhrases(COMMENTS, { top: 30 });

    expect(find(found, 'speeding car')?.forms.sort()).toEqual(['speeding car', 'speeding cars']);
    expect(find(found, 'speeding car')?.count).toBe(2);
    expect(find(found, 'fly tipping')).toMatchObject({ count: 2, forms: ['fly tipping', 'fly-tipping'] });
    expect(find(found, 'anti-social behaviour')).toMatchObject({ count: 2, forms: ['anti-social behaviour', 'antisocial behaviour'] });
    expect(find(found, 'house')).toMatchObject({ count: 3 });
    expect(phrases(found)).not.toContain('houses');
  });

  it('gives each phrase its share of all the comments with a 95 % Wilson interval', async () => {
    const found = await extractKeyPhrases(COMMENTS);

    for (const phrase of found) expect(phrase.share).toEqual(wilsonInterval(phrase.count, COMMENTS.length));
    expect(found[0]!.share.lower).toBeGreaterThan(0);
  });

  it('counts the comments that mention a phrase, not how often it is said', async () => {
    const found = await extractKeyPhrases(['Graffiti, graffiti, graffiti everywhere', 'graffiti on the bus shelter', 'Litter']);

    expect(find(found, 'graffiti')).toMatchObject({ count: 2, texts: [0, 1] });
    expect(phrases(found)).not.toContain('litter');
  });

  it('trims adjectives and verb forms from the ends of a phrase but keeps a leading adjective', async () => {
    const found = await extractKeyPhrases(['Cars parked on the pavement near the primary school', 'cars parked by the primary school gates', 'Street lights broken', 'street lights broken again'], { top: 30 });

    expect(phrases(found)).toEqual(expect.arrayContaining(['cars', 'primary school', 'street lights']));
    expect(phrases(found).some((p) => /parked|broken/.test(p))).toBe(false);
  });

  it('leaves out a shorter phrase that is only ever said inside a longer one', async () => {
    const found = await extractKeyPhrases(['Drug dealing everywhere', 'drug dealing on the estate', 'Drug users near the shops']);

    expect(find(found, 'drug')).toMatchObject({ count: 3 });
    expect(find(found, 'drug dealing')).toMatchObject({ count: 2 });
    expect(phrases(found)).not.toContain('dealing');
  });

  it('keeps the capitals of names and acronyms but not of a sentence’s first word', async () => {
    const found = await extractKeyPhrases(['Never see a PCSO on Oak Avenue', 'Parking on Oak Avenue. PCSO visits would help', 'parking everywhere'], { top: 30 });

    expect(phrases(found)).toEqual(expect.arrayContaining(['PCSO', 'Oak Avenue', 'parking']));
  });

  it('does not fold words that only look plural', async () => {
    const found = await extractKeyPhrases(['The bus is always late and the bus stops are dark', 'bus stop vandalised', 'Bus shelter broken'], { top: 30 });

    expect(phrases(found)).toContain('bus');
    expect(find(found, 'bus stop')?.forms.sort()).toEqual(['bus stop', 'bus stops']);
    expect(phrases(found).join(' ')).not.toMatch(/\b(bu|alway)\b/);
  });

  it('skips numbers, links and e-mail addresses', async () => {
    const found = await extractKeyPhrases(['See https://example.com/street-lights about 24 street lights', 'mail parks@example.gov.uk, street lights out 3 times']);

    expect(phrases(found)).toEqual(['street lights']);
  });

  it('hides omitted words on their own but keeps phrases that contain them', async () => {
    const found = await extractKeyPhrases(['More police on the streets', 'Police station closed', 'police station should reopen', 'Police never come'], { omitWords: ['Police'] });

    expect(phrases(found)).toEqual(['police station']);
  });

  it('orders by count, then longer phrases, then alphabetically, and keeps the top few', async () => {
    const texts = ['dark alley', 'dark alley', 'bins', 'bins', 'litter', 'litter', 'litter'];

    expect(phrases(await extractKeyPhrases(texts))).toEqual(['litter', 'dark alley', 'bins']);
    expect(phrases(await extractKeyPhrases(texts, { top: 1 }))).toEqual(['litter']);
    expect(phrases(await extractKeyPhrases(['Graffiti'], { minCount: 1 }))).toEqual(['graffiti']);
  });

  it('returns nothing for no texts', async () => {
    expect(await extractKeyPhrases([])).toEqual([]);
    expect(await extractKeyPhrases(['', '   ', '!!!'])).toEqual([]);
  });

  it.each([{ top: -1 }, { top: 1.5 }, { minCount: 0 }])('rejects options %j', async (options) => {
    await expect(extractKeyPhrases(['x'], options)).rejects.toThrow(RangeError);
  });
});
