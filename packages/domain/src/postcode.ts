import { isValid, toNormalised, validOutcode } from 'postcode';

/**
 * Postcode handling for residents. Parsing uses the `postcode` library (ideal-postcodes); this
 * module only adds the forgiving input rules residents need (stray spaces, lower case) and the
 * partial forms (district `B66`, sector `B66 1`) used to offer candidate wards.
 */

export type PostcodeQuery =
  | { kind: 'full'; postcode: string }
  | { kind: 'district'; district: string }
  | { kind: 'sector'; sector: string }
  | { kind: 'invalid'; reason: string };

const squash = (input: string) => input.trim().toUpperCase().replace(/\s+/g, ' ');

/**
 * Reads what a resident typed.
 * @example
 * parsePostcodeQuery(' b661aa ') // { kind: 'full', postcode: 'B66 1AA' }
 * parsePostcodeQuery('B66 1')    // { kind: 'sector', sector: 'B66 1' }
 */
export function parsePostcodeQuery(input: string): PostcodeQuery {
  const text = squash(input);
  if (text.length === 0) return { kind: 'invalid', reason: 'Enter a postcode, like B66 1AA.' };
  if (text.length > 10) return { kind: 'invalid', reason: 'That is too long for a UK postcode.' };
  const compact = text.replace(/ /g, '');
  if (isValid(compact)) return { kind: 'full', postcode: toNormalised(compact)! };
  if (!text.includes(' ') && validOutcode(text)) return { kind: 'district', district: text };
  const sector = /^([A-Z0-9]{2,4}) ([0-9])$/.exec(text);
  if (sector && validOutcode(sector[1]!)) return { kind: 'sector', sector: `${sector[1]} ${sector[2]}` };
  return { kind: 'invalid', reason: 'That does not look like a UK postcode. Check it, or choose your ward from the list.' };
}

/** The canonical form we store (`B66 1AA`), or null when it is not a full postcode. */
export function normalisePostcode(input: string): string | null {
  const query = parsePostcodeQuery(input);
  return query.kind === 'full' ? query.postcode : null;
}

/** `B66 1AA` → `{ district: 'B66', sector: 'B66 1' }`. */
export function postcodeParts(postcode: string): { district: string; sector: string } {
  const [outward = '', inward = ''] = postcode.split(' ');
  return { district: outward, sector: `${outward} ${inward.charAt(0)}` };
}
