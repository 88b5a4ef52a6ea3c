/** Figures as the console shows them: British English, thousands separated. */
import { formatDateTime as formatConsoleDateTime } from '../shared/dates.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBREVIATIONS = MONTHS.map((month) => month.slice(0, 3).toLowerCase());

export function formatCount(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 0 });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} bytes`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
  return `${(bytes / 1024 ** 3).toLocaleString('en-GB', { maximumFractionDigits: 2 })} GB`;
}

/** Whole per cent, never 100 until the work is complete. */
export function percent(done: number, total: number | undefined): number | undefined {
  if (!total || total <= 0) return undefined;
  const share = Math.floor((Math.min(done, total) / total) * 100);
  return done >= total ? 100 : Math.min(share, 99);
}

/** `2025-05` → `May 2025`. */
export function vintageLabel(vintage: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(vintage);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : vintage;
}

/**
 * A postcode lookup's publication month from its file name, as ONS names them:
 * `NSPL_AUG_2024_UK.csv`, `nspl_aug2024_…csv`, `ONSPD_NOV_2025.csv.gz` → `2024-08`, `2025-11`.
 */
export function vintageFromFileName(fileName: string): string | undefined {
  const match = /(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[_\- ]?(20\d{2})(?!\d)/i.exec(fileName);
  if (!match) return undefined;
  const month = MONTH_ABBREVIATIONS.indexOf(match[1]!.toLowerCase()) + 1;
  return `${match[2]}-${String(month).padStart(2, '0')}`;
}

export function formatDateTime(iso: string): string {
  return formatConsoleDateTime(iso);
}
