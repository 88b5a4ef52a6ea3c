/** How the messages pages write their figures; shares and withheld cells as the results pages do. */
import type { Message, MessageStatus, ShareCell } from '@wardpulse/domain';
import { formatDate, formatDateTime } from '../shared/dates.ts';
import { formatShare, withheldText } from '../results/format.ts';

export const STATUS_LABELS: Record<MessageStatus, string> = { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent', failed: 'Failed' };

/** `Sent 3 Jun 2026, 09:30`; `Scheduled for …`; `Draft`. */
export function statusLine(message: Pick<Message, 'status' | 'sentAt' | 'scheduledFor'>): string {
  const at = (iso: string | undefined) => (iso ? formatDateTime(iso) : '');
  if (message.status === 'scheduled') return `Scheduled for ${at(message.scheduledFor)}`;
  if (message.status === 'sent' || message.status === 'sending') return `${STATUS_LABELS[message.status]} ${at(message.sentAt)}`.trim();
  return STATUS_LABELS[message.status];
}

/** A share cell in a table: `34.6%`, or why not shown (never 0 for withheld). */
export function shareText(cell: ShareCell, threshold: number, empty = '—'): string {
  if (cell.status === 'shown') return formatShare(cell.share);
  if (cell.status === 'suppressed') return withheldText(cell.reason, threshold);
  return empty;
}

export const scoreText = (score: number | null) => (score === null ? '—' : (Math.round(score * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 }));

/** Dates for a table column: `3 Jun 2026`. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatDate(iso);
}
