import type { MeanCell, ShareCell } from '@wardpulse/domain';
import type { ReactNode } from 'react';
import { cellStatus, formatInterval, formatMean, formatShare } from './format.ts';

export interface BarRow {
  key: string;
  label: string;
  cell: ShareCell | undefined;
  /** An extra column (e.g. a ranking's mean position). */
  extra?: string;
}

const BAR = '#1d70b8';
const WHISKER = '#0b0c0c';
const GRID = '#b1b4b6';

/**
 * Horizontal bars of shares (0–100 %) with their 95 % intervals as whiskers. A table, so every
 * figure is text a screen reader reads in order; the bars themselves are decoration.
 */
export function ShareBars({ caption, rows, threshold, extraHeading, testId }: { caption: ReactNode; rows: readonly BarRow[]; threshold: number; extraHeading?: string; testId?: string }) {
  return (
    <table className="res-bars" data-testid={testId}>
      <caption className="s-visually-hidden">{caption}</caption>
      <thead className="s-visually-hidden">
        <tr>
          <th scope="col">Answer</th>
          <th scope="col">Share (95% interval)</th>
          {extraHeading && <th scope="col">{extraHeading}</th>}
          <td aria-hidden="true" />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const status = cellStatus(row.cell, threshold);
          return (
            <tr key={row.key}>
              <th scope="row" className="res-bar-label">
                {row.label}
              </th>
              <td className="res-bar-value">
                {row.cell?.status === 'shown' ? (
                  <>
                    <strong>{formatShare(row.cell.share)}</strong> <span className="res-ci">({formatInterval(row.cell.lower, row.cell.upper)})</span>
                  </>
                ) : (
                  <span className={`res-status-${status.kind}`}>{status.text}</span>
                )}
              </td>
              {extraHeading && <td className="res-bar-extra">{row.extra ?? ''}</td>}
              <td className="res-bar-chart" aria-hidden="true">
                <Bar cell={row.cell} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Bar({ cell }: { cell: ShareCell | undefined }) {
  return (
    <svg className="res-bar" viewBox="0 0 100 16" preserveAspectRatio="none" focusable="false">
      {[25, 50, 75].map((x) => (
        <line key={x} x1={x} x2={x} y1={0} y2={16} stroke={GRID} strokeWidth={1} vectorEffect="non-scaling-stroke" strokeDasharray="2 2" />
      ))}
      <line x1={0} x2={0} y1={0} y2={16} stroke={WHISKER} strokeWidth={1} vectorEffect="non-scaling-stroke" />
      {cell?.status === 'shown' && (
        <>
          <rect x={0} y={3} width={cell.share * 100} height={10} fill={BAR} />
          <line x1={cell.lower * 100} x2={cell.upper * 100} y1={8} y2={8} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          <line x1={cell.lower * 100} x2={cell.lower * 100} y1={4} y2={12} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          <line x1={cell.upper * 100} x2={cell.upper * 100} y1={4} y2={12} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
        </>
      )}
    </svg>
  );
}

/** A mean on its scale (e.g. 1–5, 0–10, −1 to 1) as a dot with its interval, beside the figure. */
export function MeanFigure({ label, cell, min, max, threshold, decimals = 1, testId }: { label: string; cell: MeanCell | undefined; min: number; max: number; threshold: number; decimals?: number; testId?: string }) {
  const x = (value: number) => ((Math.min(max, Math.max(min, value)) - min) / (max - min)) * 100;
  return (
    <div className="res-mean" data-testid={testId}>
      <p className="res-headline-figure">
        <span className="res-mean-label">{label}</span>{' '}
        <span className="res-mean-value">
          {cell?.status === 'shown' ? (
            <>
              <strong>{formatMean(cell.mean, decimals)}</strong> on a {formatMean(min, 0)} to {formatMean(max, 0)} scale <span className="res-ci">(95% CI {formatMean(cell.lower, decimals)} to {formatMean(cell.upper, decimals)})</span>
            </>
          ) : (
            cellStatus(cell, threshold).text
          )}
        </span>
      </p>
      {cell?.status === 'shown' && (
        <svg className="res-bar res-mean-bar" viewBox="0 0 100 16" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <line x1={0} x2={100} y1={8} y2={8} stroke={GRID} strokeWidth={1} vectorEffect="non-scaling-stroke" />
          <line x1={x(cell.lower)} x2={x(cell.upper)} y1={8} y2={8} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          <line x1={x(cell.lower)} x2={x(cell.lower)} y1={4} y2={12} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          <line x1={x(cell.upper)} x2={x(cell.upper)} y1={4} y2={12} stroke={WHISKER} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          <rect x={x(cell.mean) - 1} y={3} width={2} height={10} fill={BAR} />
        </svg>
      )}
    </div>
  );
}
