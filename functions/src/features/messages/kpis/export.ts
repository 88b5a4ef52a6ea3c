import type { Period, ShareCell } from '@wardpulse/domain';
import type { Cell, Sheet } from '../../exports/table.ts';
import { PUBLISHED_COUNTS, type CountCell, type PublishedRow } from '@wardpulse/analytics/kpis';

/**
 * The KPI table as a sheet for the CSV/XLSX writers of `functions/src/exports` (which stream and
 * neutralise formula injection). A withheld figure is an empty cell with `suppressed (primary)` or
 * `suppressed (secondary)` in its `_status` column — never 0; a figure nobody contributed to is
 * empty with status `empty`.
 */

const statusOf = (cell: ShareCell | CountCell): string => (cell.status === 'suppressed' ? `suppressed (${cell.reason})` : cell.status);

const SHARES = [
  ['satisfaction', (row: PublishedRow) => row.kpis.satisfaction],
  ['interaction_rate', (row: PublishedRow) => row.kpis.interactionRate],
  ['share_rate', (row: PublishedRow) => row.kpis.shareRate],
  ['replies_positive', (row: PublishedRow) => row.kpis.replySentiment.positive],
  ['replies_negative', (row: PublishedRow) => row.kpis.replySentiment.negative],
] as const;

export const KPI_COLUMNS: readonly string[] = [
  'level',
  'code',
  'name',
  'parent_code',
  'messages',
  ...PUBLISHED_COUNTS.flatMap((name) => [name, `${name}_status`]),
  ...SHARES.flatMap(([name]) => [`${name}_count`, `${name}_n`, name, `${name}_lower`, `${name}_upper`, `${name}_status`]),
  'mean_stars',
  'reply_mean_sentiment',
  'readability',
];

function shareColumns(cell: ShareCell): Cell[] {
  return cell.status === 'shown' ? [cell.count, cell.n, cell.share, cell.lower, cell.upper, 'shown'] : [null, null, null, null, null, statusOf(cell)];
}

export function kpiRow(row: PublishedRow): Cell[] {
  return [
    row.level,
    row.code,
    row.name,
    row.parentCode,
    row.messages,
    ...PUBLISHED_COUNTS.flatMap((name): Cell[] => {
      const cell = row.counts[name];
      return [cell.status === 'shown' ? cell.value : null, statusOf(cell)];
    }),
    ...SHARES.flatMap(([, pick]) => shareColumns(pick(row))),
    row.kpis.meanStars,
    row.kpis.replySentiment.meanScore,
    row.kpis.readability,
  ];
}

/** The KPI sheet and, for XLSX, a second sheet saying what the figures are and how they were controlled. */
export function kpiSheets(rows: readonly PublishedRow[], about: { period: Period; threshold: number; generatedAt: string }): Sheet[] {
  return [
    { name: 'Message KPIs', columns: KPI_COLUMNS, rows: () => rows.map(kpiRow) },
    {
      name: 'About',
      columns: ['item', 'value'],
      rows: () => [
        ['what', 'Community message KPIs (WardPulse): satisfaction = share of ratings 4–5 stars; interaction rate = (replies + ratings) / recipients; share rate = shares / recipients; 95 % Wilson intervals.'],
        ['period_from', about.period.from ?? 'all'],
        ['period_to', about.period.to ?? 'now'],
        ['disclosure_threshold', about.threshold],
        ['disclosure', `Counts below ${about.threshold} are withheld (suppressed, primary), and so is any figure that would let one be worked out by subtraction (secondary).`],
        ['generated_at', about.generatedAt],
      ],
    },
  ];
}
