import { capitalise, startsSentence } from './prose.ts';

/**
 * Police and officialese words that residents trip over, each with a plain-English replacement
 * and a short reason the composer shows. Sources: the GOV.UK style guide ("words to avoid",
 * "abbreviations and acronyms"), the Plain English Campaign's A to Z of alternative words, and
 * the WMNow pilot's advice to drop police shorthand.
 */

export interface JargonEntry {
  /**
   * The forms to find, each with its replacement. Spaces in a form match any run of white space.
   * Forms match whole words only: "NPT" is found in "the NPT's" but not in "ANPT".
   */
  forms: Readonly<Record<string, string>>;
  /** Why it is jargon, in a sentence an officer can act on. */
  reason: string;
  /**
   * Initialisms match only as written in capitals ("ASB", "PCSOs"), so ordinary words that share
   * the letters are left alone; words and phrases match in any case.
   */
  caseSensitive?: boolean;
}

const SHORTHAND = 'Police shorthand that many residents will not know';

export const JARGON: readonly JargonEntry[] = [
  // Initialisms and codes.
  { forms: { ASB: 'anti-social behaviour' }, caseSensitive: true, reason: `${SHORTHAND}. Write it out.` },
  {
    forms: { PCSO: 'police community support officer', PCSOs: 'police community support officers' },
    caseSensitive: true,
    reason: `${SHORTHAND}. Write it out, or say "officer" if the role does not matter.`,
  },
  {
    forms: { NPT: 'neighbourhood policing team', NPTs: 'neighbourhood policing teams' },
    caseSensitive: true,
    reason: `${SHORTHAND}. Say "neighbourhood policing team" or "your local officers".`,
  },
  { forms: { OCG: 'organised crime group', OCGs: 'organised crime groups' }, caseSensitive: true, reason: `${SHORTHAND}. Say "organised crime group" or "gang".` },
  { forms: { RTC: 'crash', RTCs: 'crashes' }, caseSensitive: true, reason: 'Police shorthand for "road traffic collision". "Crash" is the word people use.' },
  { forms: { CID: 'detectives' }, caseSensitive: true, reason: `${SHORTHAND}. Say "detectives".` },
  { forms: { DV: 'domestic abuse' }, caseSensitive: true, reason: `${SHORTHAND}. Say "domestic abuse".` },
  { forms: { FPN: 'fine', FPNs: 'fines' }, caseSensitive: true, reason: 'Police shorthand for "fixed penalty notice". Say "fine" or write it out.' },
  { forms: { OIC: 'officer in charge' }, caseSensitive: true, reason: `${SHORTHAND}. Write it out, or name the officer.` },
  { forms: { misper: 'missing person', mispers: 'missing people' }, reason: 'Police slang. Say "missing person".' },
  {
    forms: { IC1: 'white', IC2: 'white (southern European)', IC3: 'black', IC4: 'Asian', IC5: 'East Asian', IC6: 'Arab or north African', IC9: 'unknown ethnicity', IC0: 'unknown ethnicity' },
    caseSensitive: true,
    reason: 'A police radio code for how someone looks. Describe the person in words, and only if it helps people recognise them.',
  },
  {
    forms: { 'section 60': 'extra stop and search powers', 's.60': 'extra stop and search powers', s60: 'extra stop and search powers' },
    reason: 'Say what the order means: officers can search people in a set area, for a set time, without needing a reason.',
  },
  {
    forms: { 'section 35': 'an order to leave the area', 's.35': 'an order to leave the area', s35: 'an order to leave the area' },
    reason: 'Say what the dispersal order means: officers can tell people to leave the area and not come back for a set time.',
  },

  // Officialese and police phrasing.
  { forms: { 'in attendance': 'there' }, reason: 'Say "officers were there" or "officers went".' },
  { forms: { 'at the location': 'there', 'at the scene': 'there' }, reason: 'Say "there", or name the place.' },
  { forms: { proactive: 'regular', proactively: 'regularly' }, reason: 'Say what you will actually do, for example "regular" or "planned" patrols.' },
  { forms: { 'intelligence-led': 'targeted', 'intelligence led': 'targeted' }, reason: 'Say what it means, for example "targeted" or "based on what residents have told us".' },
  {
    forms: { apprehend: 'arrest', apprehends: 'arrests', apprehended: 'arrested', apprehending: 'arresting' },
    reason: 'Say "arrested" (or "caught").',
  },
  { forms: { vehicle: 'car', vehicles: 'cars' }, reason: 'Say what it was: a car, van, motorbike or bike.' },
  { forms: { male: 'man', males: 'men' }, reason: 'Police report language. Say "man" or "boy".' },
  { forms: { female: 'woman', females: 'women' }, reason: 'Police report language. Say "woman" or "girl".' },
  { forms: { youths: 'young people' }, reason: 'Can sound hostile. Say "young people" or "teenagers".' },
  { forms: { individuals: 'people' }, reason: 'Say "people".' },
  {
    forms: { utilise: 'use', utilises: 'uses', utilised: 'used', utilising: 'using', utilize: 'use', utilizes: 'uses', utilized: 'used', utilizing: 'using' },
    reason: 'A long word for "use" (on GOV.UK\'s words to avoid).',
  },
  {
    forms: { commence: 'start', commences: 'starts', commenced: 'started', commencing: 'starting' },
    reason: 'A formal word for "start".',
  },
  { forms: { 'in relation to': 'about', 'with regard to': 'about', 'with regards to': 'about' }, reason: 'A long way to say "about".' },
  { forms: { 'at this moment in time': 'now', 'at the present time': 'now' }, reason: 'A long way to say "now".' },
  { forms: { reside: 'live', resides: 'lives', resided: 'lived', residing: 'living' }, reason: 'A formal word for "live".' },
  { forms: { observe: 'see', observes: 'sees', observed: 'saw', observing: 'seeing' }, reason: 'Police report language. Say "see" or "saw".' },
  { forms: { conducted: 'carried out', conducting: 'carrying out' }, reason: 'Say "carried out", or say what officers did.' },
  { forms: { 'in the vicinity of': 'near', 'in the vicinity': 'nearby' }, reason: 'A long way to say "near".' },
  { forms: { 'prior to': 'before' }, reason: 'A formal way to say "before".' },
  { forms: { 'in excess of': 'more than' }, reason: 'A long way to say "more than".' },
  { forms: { 'a number of': 'some' }, reason: 'Say "some", or give the number.' },
  { forms: { ascertain: 'find out', ascertained: 'found out' }, reason: 'A formal way to say "find out".' },
  { forms: { endeavour: 'try', endeavours: 'tries', endeavoured: 'tried' }, reason: 'A formal word for "try".' },
  { forms: { assistance: 'help' }, reason: 'A formal word for "help".' },
  { forms: { deploy: 'send', deployed: 'sent', deploying: 'sending' }, reason: 'Military-sounding (on GOV.UK\'s words to avoid). Say "sent" or "put".' },
  { forms: { conveyed: 'taken' }, reason: 'Police report language. Say "taken".' },
  { forms: { alighted: 'got out', alighting: 'getting out' }, reason: 'Say "got out" or "got off".' },
  { forms: { perpetrator: 'person responsible', perpetrators: 'people responsible' }, reason: 'Say "the person responsible" or "whoever did it".' },
  { forms: { 'enquiries are ongoing': 'we are still investigating', 'enquiries are continuing': 'we are still investigating' }, reason: 'Say what is happening: "we are still investigating".' },
  { forms: { whilst: 'while' }, reason: 'Old-fashioned; GOV.UK uses "while".' },
];

export interface JargonMatch {
  /** The text found, as written. */
  text: string;
  start: number;
  end: number;
  suggestion: string;
  reason: string;
}

interface CompiledEntry {
  entry: JargonEntry;
  pattern: RegExp;
  /** Forms by their lower-case spelling with single spaces, for case-insensitive entries. */
  lookup: Map<string, string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const normalise = (text: string) => text.replace(/\s+/gu, ' ');

// Compiled once: longer forms first so "utilised" wins over "utilise" and "in the vicinity of"
// over "in the vicinity".
const COMPILED: CompiledEntry[] = JARGON.map((entry) => {
  const forms = Object.keys(entry.forms).sort((a, b) => b.length - a.length);
  const alternatives = forms.map((form) => escape(form).replace(/ /gu, '\\s+')).join('|');
  const flags = entry.caseSensitive === true ? 'gu' : 'giu';
  const lookup = new Map(Object.entries(entry.forms).map(([form, suggestion]) => [entry.caseSensitive === true ? form : form.toLowerCase(), suggestion]));
  return { entry, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, flags), lookup };
});

/**
 * Jargon in `text`, in order, each with a replacement; overlapping finds keep the earlier, then
 * the longer. A replacement starts with a capital where the jargon starts a sentence with one.
 *
 * @example
 * findJargon('Officers were in attendance after reports of ASB.')
 * // → [{ text: 'in attendance', start: 13, end: 26, suggestion: 'there', … },
 * //    { text: 'ASB', start: 46, end: 49, suggestion: 'anti-social behaviour', … }]
 */
export function findJargon(text: string): JargonMatch[] {
  const found: JargonMatch[] = [];
  for (const { entry, pattern, lookup } of COMPILED) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const written = match[0];
      const key = entry.caseSensitive === true ? normalise(written) : normalise(written).toLowerCase();
      const suggestion = lookup.get(key);
      if (suggestion === undefined) continue;
      const start = match.index;
      found.push({ text: written, start, end: start + written.length, suggestion: startsSentence(text, start) && /^\p{Lu}/u.test(written) ? capitalise(suggestion) : suggestion, reason: entry.reason });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: JargonMatch[] = [];
  for (const match of found) {
    const previous = kept.at(-1);
    if (previous === undefined || match.start >= previous.end) kept.push(match);
  }
  return kept;
}

