/** Pure helpers for the residents' message pages: no DOM, no storage, so they are unit-tested. */

export const REPLY_MAX_LENGTH = 2000;

/**
 * The parameters an e-mail link carries, as one query string: links put tokens in the fragment
 * (`#token=…`, `#r=…&rate=4`) so no server logs them; links e-mailed before that used the query.
 * The fragment wins where both name a parameter.
 */
export function linkSearch(search: string, hash: string): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of new URLSearchParams(hash.replace(/^#/, ''))) params.set(name, value);
  const all = params.toString();
  return all ? `?${all}` : '';
}

/** `?rate=4` from a star link in the e-mail: a whole number 1–5, anything else ignored. */
export function ratingFromQuery(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('rate');
  if (raw === null || !/^[1-5]$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** The signed recipient token from the e-mail link (`?r=`), if any. */
export function recipientTokenFromQuery(search: string): string | undefined {
  const token = new URLSearchParams(search).get('r')?.trim();
  return token && token.length <= 200 ? token : undefined;
}

/** The query string without the named parameters (`?r=…&rate=4` → `?r=…`), or '' when nothing is left. */
export function withoutParams(search: string, ...names: string[]): string {
  const params = new URLSearchParams(search);
  for (const name of names) params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** The link residents pass on: the message alone, never the recipient token that identifies their copy. */
export const shareUrl = (origin: string, id: string) => `${origin}/m/${encodeURIComponent(id)}`;

export type LinkChannel = 'whatsapp' | 'facebook' | 'x';

/** Share links for the channels that take a URL: they open the app or site with the message filled in. */
export function shareLinks(url: string, title: string): Record<LinkChannel, string> {
  const text = `${title} ${url}`;
  return {
    whatsapp: `https://wa.me/?text=${encodeURIComponent(text)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
    x: `https://x.com/intent/post?text=${encodeURIComponent(title)}&url=${encodeURIComponent(url)}`,
  };
}

/** Paragraphs of an officer's text: blank lines separate them; single line breaks stay inside. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** How many characters are left (or over) of `max`: worded by the page's translator ("You have 1,990 characters remaining"). */
export function characterCount(text: string, max: number): { over: boolean; n: number } {
  const left = max - text.length;
  return { over: left < 0, n: Math.abs(left) };
}

/** A v4 UUID (`crypto.randomUUID` where the browser has it: it needs a secure context). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

/** Sixteen random bytes as a v4 UUID. */
export function uuidFromBytes(random: Uint8Array): string {
  const bytes = Uint8Array.from(random.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "3 June 2026" (en-GB), in UK time, or in the page's language's own words. */
export function sentDate(iso: string | null, tag = 'en-GB'): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

/** A checkbox list's values with one ticked or unticked. */
export function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((item) => item !== value);
  return on ? [...without, value] : without;
}
