/**
 * Dates and times as the staff console writes them: British English in UK time, whatever the
 * browser's own language or time zone ("2 Dec 2026, 14:05"). Every date in the console goes
 * through here; ESLint forbids `toLocale…String()` without a locale in web/src.
 */

const LOCALE = 'en-GB';
const TIME_ZONE = 'Europe/London';

type When = string | number | Date;
type Month = 'short' | 'long';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: TIME_ZONE });
    formatters.set(key, found);
  }
  return found;
}

const dateOptions = (month: Month): Intl.DateTimeFormatOptions => ({ day: 'numeric', month, year: 'numeric' });
const timeOptions = (seconds: boolean): Intl.DateTimeFormatOptions => ({ hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });

/** A string that is not a date is shown as it is rather than as "Invalid Date". */
function format(when: When, key: string, options: Intl.DateTimeFormatOptions): string {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return typeof when === 'string' ? when : '';
  return formatter(key, options).format(date);
}

/**
 * @example
 * formatDate('2026-12-02T14:05:00Z') // '2 Dec 2026'
 * formatDate('2026-12-02T14:05:00Z', { month: 'long' }) // '2 December 2026'
 */
export function formatDate(when: When, { month = 'short' }: { month?: Month } = {}): string {
  return format(when, `date:${month}`, dateOptions(month));
}

/**
 * @example
 * formatDateTime('2026-12-02T14:05:00Z') // '2 Dec 2026, 14:05'
 */
export function formatDateTime(when: When, { month = 'short', seconds = false }: { month?: Month; seconds?: boolean } = {}): string {
  return format(when, `datetime:${month}:${seconds}`, { ...dateOptions(month), ...timeOptions(seconds) });
}

/**
 * @example
 * formatTime('2026-12-02T14:05:09Z') // '14:05'
 */
export function formatTime(when: When, { seconds = false }: { seconds?: boolean } = {}): string {
  return format(when, `time:${seconds}`, timeOptions(seconds));
}
