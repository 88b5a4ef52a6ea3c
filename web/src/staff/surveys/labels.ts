/**
 * What tells two surveys apart when their titles match: wave, dates and who each is for, and a
 * warning when a title is already used. Pure; `useSurveyLabels.ts` loads the names.
 */
import type { Targeting } from '@wardpulse/domain';

/** District and area names by code and id, for saying who a survey is for. */
export interface AreaNames {
  districts: ReadonlyMap<string, string>;
  areas: ReadonlyMap<string, { name: string; kind: string }>;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * A day as staff read it, e.g. "2 Dec 2026".
 * @example
 * formatDay(new Date(2026, 11, 2)) // '2 Dec 2026'
 */
export const formatDay = (date: Date) => DAY.format(date);

/** `YYYY-MM-DD` (the date inputs' local day) → Date, or null. */
const fromDayInput = (value: string): Date | null => {
  const [y, m, d] = value.split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d) : null;
};

/**
 * When a survey runs, from the opening instant and the closing instant (a survey closes at the
 * midnight that ends its last day, so the last day shown is the one before).
 */
export function datesText(survey: { opensAt?: string | undefined; closesAt?: string | undefined }): string {
  const opens = survey.opensAt ? new Date(survey.opensAt) : null;
  const lastDay = survey.closesAt ? new Date(new Date(survey.closesAt).getTime() - 1) : null;
  return rangeText(opens, lastDay);
}

/** The same, from the editor's date inputs (`YYYY-MM-DD`). */
export function dayInputsText(dates: { opensAt: string; closesAt: string }): string {
  return rangeText(fromDayInput(dates.opensAt), fromDayInput(dates.closesAt));
}

function rangeText(opens: Date | null, lastDay: Date | null): string {
  if (opens && lastDay) return `${formatDay(opens)} to ${formatDay(lastDay)}`;
  if (opens) return `From ${formatDay(opens)}, no closing date`;
  if (lastDay) return `Until ${formatDay(lastDay)}`;
  return 'No dates set';
}

const listWords = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Who a survey is for, with names when they are known: "Whole force", "Sandwell and Dudley",
 * "Smethwick Impact Area", "3 wards".
 */
export function targetText(targeting: Targeting, names: AreaNames | null): string {
  switch (targeting.scope) {
    case 'force':
      return 'Whole force';
    case 'wards':
      return plural(targeting.codes.length, 'ward', 'wards');
    case 'districts': {
      const known = targeting.codes.map((code) => names?.districts.get(code));
      return known.every(Boolean) && known.length <= 3 ? listWords(known as string[]) : plural(targeting.codes.length, 'district', 'districts');
    }
    case 'areas': {
      const known = targeting.ids.map((id) => names?.areas.get(id));
      if (!known.every(Boolean) || known.length > 3) return plural(targeting.ids.length, 'area', 'areas');
      return listWords(known.map((a) => `${a!.name} ${a!.kind === 'impact-area' ? 'Impact Area' : 'neighbourhood team'}`));
    }
  }
}

const normalTitle = (title: string) => title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

export interface TitledSurvey {
  id: string;
  title: string;
  wave: number;
}

/**
 * A plain-English, non-blocking warning when another survey already has this title, or null.
 * @example
 * duplicateTitleWarning('Your Priorities', [{ id: 'a', title: 'your priorities', wave: 1 }], 'b')
 * // 'Another survey is already called “Your Priorities” (wave 1). …'
 */
export function duplicateTitleWarning(title: string, others: readonly TitledSurvey[], selfId: string | null): string | null {
  if (!title.trim()) return null;
  const same = others.filter((s) => s.id !== selfId && normalTitle(s.title) === normalTitle(title));
  if (same.length === 0) return null;
  const waves = [...new Set(same.map((s) => s.wave))].sort((a, b) => a - b);
  const which = same.length === 1 ? `Another survey is already called “${title.trim()}” (wave ${waves[0]})` : `${same.length} other surveys are already called “${title.trim()}” (${waves.length === 1 ? 'wave' : 'waves'} ${listWords(waves.map(String))})`;
  return `${which}. Residents and staff see the title first, so add what makes this one different, such as the area or the year. You can still keep this title.`;
}

