/** The dashboard's periods as date-input values (`YYYY-MM-DD`, UTC days; "to" is inclusive). */
export interface Periods {
  from: string;
  to: string;
  compare: boolean;
  compareFrom: string;
  compareTo: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/**
 * The last three months, compared with the three before them: the shape of the pilot's
 * before/after comparison (and of the demo data, whose style changed about three months ago).
 */
export function defaultPeriods(now: Date): Periods {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = addMonths(today, -3);
  const compareFrom = addMonths(today, -6);
  return { from: day(addDays(from, 1)), to: day(today), compare: true, compareFrom: day(addDays(compareFrom, 1)), compareTo: day(from) };
}

/** The whole span the charts cover: the baseline (when compared) through the end of the period. */
export function chartSpan(periods: Periods): { from: string; to: string } {
  const from = periods.compare && periods.compareFrom && periods.compareFrom < periods.from ? periods.compareFrom : periods.from;
  return { from, to: periods.to };
}
