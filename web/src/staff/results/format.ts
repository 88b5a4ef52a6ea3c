/**
 * Results figures as the console writes them. A withheld figure is always said to be withheld,
 * with its reason, and never written as 0.
 */
import type { MeanCell, ResultLevel, ResultUnit, ShareCell, SuppressionReason } from '@wardpulse/domain';
import { formatDate as formatConsoleDate, formatDateTime as formatConsoleDateTime } from '../shared/dates.ts';

/** −, not a hyphen: screen readers say "minus" and it lines up with +. */
const MINUS = '\u2212';

export const LEVEL_LABELS: Record<ResultLevel, { plural: string; singular: string }> = {
  ward: { plural: 'Wards', singular: 'Ward' },
  district: { plural: 'Districts', singular: 'District' },
  area: { plural: 'Impact Areas and neighbourhood teams', singular: 'Area' },
  force: { plural: 'Whole force', singular: 'Force' },
};

/** `0.3456` → `34.6%`; whole numbers stay whole (`50%`). */
export function formatShare(share: number): string {
  const value = Math.round(share * 1000) / 10;
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

/** `28.1–41.3%`. */
export function formatInterval(lower: number, upper: number): string {
  return `${formatShare(lower).slice(0, -1)}–${formatShare(upper)}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 0 });
}

export function withheldText(reason: SuppressionReason, threshold: number): string {
  return reason === 'primary' ? `Withheld (fewer than ${threshold})` : 'Withheld (to protect another figure)';
}

export type CellStatus = { kind: 'shown'; text: string } | { kind: 'withheld'; reason: SuppressionReason; text: string } | { kind: 'empty'; text: string };

/** What a cell's status column says. */
export function cellStatus(cell: ShareCell | MeanCell | ResultUnit['respondents'] | undefined, threshold: number, emptyText = 'No responses'): CellStatus {
  if (!cell || cell.status === 'empty') return { kind: 'empty', text: emptyText };
  if (cell.status === 'suppressed') return { kind: 'withheld', reason: cell.reason, text: withheldText(cell.reason, threshold) };
  return { kind: 'shown', text: 'Shown' };
}

/** `34.6% (95% CI 28.1–41.3%)`, or why it is not shown. */
export function describeShare(cell: ShareCell | undefined, threshold: number, emptyText = 'No responses'): string {
  if (!cell || cell.status !== 'shown') return cellStatus(cell, threshold, emptyText).text;
  return `${formatShare(cell.share)} (95% CI ${formatInterval(cell.lower, cell.upper)})`;
}

/** `3.42` → `3.4`; means keep one decimal (two for sentiment scores between −1 and 1). */
export function formatMean(value: number, decimals = 1): string {
  const text = Math.abs(value).toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${value < 0 && Number(text) !== 0 ? MINUS : ''}${text}`;
}

/** `3.4 (95% CI 3.3–3.5)`, or why it is not shown. */
export function describeMean(cell: MeanCell | undefined, threshold: number, decimals = 1): string {
  if (!cell || cell.status !== 'shown') return cellStatus(cell, threshold).text;
  return `${formatMean(cell.mean, decimals)} (95% CI ${formatMean(cell.lower, decimals)} to ${formatMean(cell.upper, decimals)})`;
}

/** A change between waves in percentage points: `+5.2 pp`, `−3.1 pp`, `0.0 pp`. */
export function formatPoints(difference: number): string {
  const points = Math.round(difference * 1000) / 10;
  const text = Math.abs(points).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${points > 0 ? '+' : points < 0 ? MINUS : ''}${text} pp`;
}

/** p-values as journals print them: `< 0.001`, otherwise three decimals. */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toLocaleString('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

/** The respondents in a unit, or why the number is not shown. */
export function describeRespondents(respondents: ResultUnit['respondents'], threshold: number): string {
  return respondents.status === 'shown' ? formatCount(respondents.n) : cellStatus(respondents, threshold).text;
}

/** The disclosure rule in a sentence a reader of the figures understands. */
export function disclosureSentence(threshold: number): string {
  return `Figures based on fewer than ${threshold} respondents are withheld, and so are a few others that would let a withheld figure be worked out by subtraction. Withheld figures are marked as withheld, never shown as 0.`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-05` → `May 2025 (2025-05)`; anything else as given. */
export function vintageText(vintage: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(vintage);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]} (${vintage})` : vintage;
}

export function formatDate(iso: string): string {
  return formatConsoleDate(iso, { month: 'long' });
}

export function formatDateTime(iso: string): string {
  return formatConsoleDateTime(iso);
}
