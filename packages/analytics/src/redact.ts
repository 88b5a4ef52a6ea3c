/**
 * Redaction of contact details and self-introductions from free text before staff see it quoted:
 * e-mail addresses, UK phone numbers and names given as "my name is …". Pattern-based and
 * deliberately conservative about names (a wrongly hidden word costs less than a wrongly
 * shown one, but a quote full of [name] is useless); it does not find names mentioned otherwise.
 */

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** Between digits: nothing, or one space, dash or dot, possibly spaced (" - "). */
const SEP = String.raw`(?:[ \u00a0]?[-.]?[ \u00a0]?)`;
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?:` +
    [
      // +44 / 0044, an optional (0), then the number without its leading 0: mobiles 7 + 9 digits,
      // landlines and 03 numbers 9 or 10 digits.
      String.raw`(?:\+|00)44${SEP}(?:\(0\)${SEP})?(?:7\d(?:${SEP}\d){8}|[123]\d(?:${SEP}\d){7,8})`,
      // National: 07 mobiles (11 digits), 01/02 landlines and 03 numbers (10 or 11 digits). The
      // first three digits are never split, so dates ("01-02-2023 10:30") and times do not match.
      String.raw`07\d(?:${SEP}\d){8}`,
      String.raw`0[123]\d(?:${SEP}\d){7,8}`,
      // A bracketed dialling code, "(020) 7946 0958" to "(016977) 3456", 10 or 11 digits in all.
      ...[3, 4, 5, 6].map((code) => String.raw`\(0[1237]\d{${code - 2}}\)${SEP}\d(?:${SEP}\d){${9 - code},${10 - code}}`),
    ].join('|') +
    String.raw`)(?!\p{N})`,
  'gu',
);

/** A capitalised name: "Sarah", "O'Brien", "McDonald", "Smith-Jones". */
const NAME_WORD = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:['’-]?\p{Lu}\p{Ll}+)*`;
const TITLE = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)`;
const INITIAL = String.raw`(?:\p{Lu}\.?\s+)`;

/** "My name is", "my name's", "I am called", "I'm called": always followed by a name. */
const INTRODUCED_NAME = new RegExp(
  String.raw`(\b[Mm]y\s+[Nn]ame(?:\s+is|['’]s)\s+|\bI\s+am\s+called\s+|\bI['’]m\s+called\s+)` +
    String.raw`${TITLE}?${INITIAL}*${NAME_WORD}(?:\s+${INITIAL}*${NAME_WORD}){0,2}`,
  'gu',
);

/**
 * "I'm Sarah", and "this is Sarah" at the start of a text or sentence or after a greeting
 * ("Hi, this is Dave from number 4"): often a name, but also "I'm British", "this is Tuesday".
 * Only taken when the capitalised words are followed by punctuation, the end, or a lower-case
 * word (so "This is Birmingham's problem" and "I'm Really Worried About Crime" are left), and
 * the first is not a common non-name below.
 */
const SELF_INTRODUCTION = new RegExp(
  String.raw`(\bI['’]m\s+|(?:^|(?<=[.!?]\s*)|(?<=\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Gg]ood\s+(?:morning|afternoon|evening))[,!.]?\s*))[Tt]his\s+is\s+)` +
    String.raw`(${TITLE}?)(${NAME_WORD})((?:\s+${NAME_WORD}){0,2})(?=\s*$|\s*[,.!?;:)]|\s+(?:I\b|\p{Ll}))`,
  'gu',
);

/** Capitalised words that follow "I'm" or "this is" without being a name. */
const NOT_NAMES = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'July', 'September', 'October', 'November', 'December',
  'British', 'English', 'Scottish', 'Welsh', 'Irish', 'European', 'Asian', 'African', 'Caribbean', 'Black', 'White',
  'Mixed', 'Polish', 'Romanian', 'Pakistani', 'Indian', 'Bangladeshi', 'Chinese', 'Somali', 'Kurdish', 'Arab',
  'Turkish', 'Muslim', 'Christian', 'Catholic', 'Jewish', 'Sikh', 'Hindu', 'Buddhist', 'Atheist', 'Gay', 'Lesbian',
  'Bisexual', 'Trans', 'Disabled', 'Deaf', 'Blind',
  'Sorry', 'Worried', 'Scared', 'Afraid', 'Concerned', 'Frightened', 'Terrified', 'Happy', 'Unhappy', 'Glad',
  'Pleased', 'Grateful', 'Angry', 'Upset', 'Disgusted', 'Appalled', 'Shocked', 'Fed', 'Sick', 'Tired', 'Fine',
  'Ok', 'Okay', 'Sure', 'Unsure', 'Aware', 'Not', 'Very', 'So', 'Really', 'Just', 'Also', 'Still', 'Always',
  'Never', 'Now', 'Here', 'Retired', 'Unemployed', 'Elderly', 'Old', 'Young', 'Single', 'Married', 'Pregnant',
  'Writing', 'Reporting', 'Ridiculous', 'Terrible', 'Awful', 'Unacceptable', 'Disgraceful', 'Disgusting',
  'Outrageous', 'Shocking', 'Appalling', 'Why', 'What', 'How', 'Where', 'When', 'Because',
]);

/**
 * Replaces e-mail addresses with `[email]`, UK phone numbers (07…, +44…/0044…, 01/02/03 with
 * spaces, dashes, dots or a bracketed code) with `[phone]`, and self-introduced names with
 * `[name]`. Names are only capitalised words: "my name is sarah" is left as typed.
 *
 * @example
 * redactText("Hi, I'm Sarah. Call 07700 900123 or sarah@example.com") // "Hi, I'm [name]. Call [phone] or [email]"
 */
export function redactText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]')
    .replace(INTRODUCED_NAME, (_match, lead: string) => `${lead}[name]`)
    .replace(SELF_INTRODUCTION, (match, lead: string, _title: string, first: string) => (NOT_NAMES.has(first) ? match : `${lead}[name]`));
}
