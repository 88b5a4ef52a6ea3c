/**
 * The dashboard's charts, drawn as SVG with presentation attributes (no inline styles). Each
 * has a text description and a table with the same figures for people who cannot see it.
 */
import { useId } from 'react';
import { formatShare } from '../results/format.ts';
import { describeCorrelation, leastSquares, linearScale, linePath, niceTicks } from './charts.ts';

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 56 };

export interface Series {
  key: string;
  label: string;
  /** One value (0–1) per month, or null where it is withheld or there is no data. */
  values: (number | null)[];
  /** Why each missing value is missing, for the table ("Withheld (fewer than 10)", "No messages"). */
  notes: (string | null)[];
}

const SERIES_STYLE = [
  { stroke: '#1d3557', dash: undefined, marker: 'circle' },
  { stroke: '#b35900', dash: '6 4', marker: 'square' },
  { stroke: '#00703c', dash: '2 3', marker: 'triangle' },
] as const;

function Marker({ kind, x, y, color }: { kind: 'circle' | 'square' | 'triangle'; x: number; y: number; color: string }) {
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (kind === 'triangle') return <path d={`M${x},${y - 5}L${x + 5},${y + 4}L${x - 5},${y + 4}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={4} fill={color} />;
}

/** Rates by month, 0–100 %: one line per measure, broken where a month is withheld or empty. */
export function MonthlyChart({ months, series, title }: { months: string[]; series: Series[]; title: string }) {
  const id = useId();
  const max = Math.max(0.1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  // Up to the next 10 %: rates near the top of the scale keep a little headroom, small ones are not squashed.
  const top = Math.min(1, Math.ceil(max * 10 - 1e-9) / 10);
  const x = linearScale([0, Math.max(1, months.length - 1)], [MARGIN.left + 8, WIDTH - MARGIN.right - 8]);
  const y = linearScale([0, top], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = niceTicks(0, top, 4);
  const labelEvery = Math.ceil(months.length / 8);
  return (
    <figure className="ms-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="ms-chart-caption">
        {title}
      </figcaption>
      <ul className="ms-legend" aria-hidden="true">
        {series.map((s, index) => (
          <li key={s.key}>
            <svg width="28" height="12" viewBox="0 0 28 12" focusable="false">
              <line x1="0" y1="6" x2="28" y2="6" stroke={SERIES_STYLE[index]!.stroke} strokeWidth="2.5" strokeDasharray={SERIES_STYLE[index]!.dash} />
              <Marker kind={SERIES_STYLE[index]!.marker} x={14} y={6} color={SERIES_STYLE[index]!.stroke} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg className="ms-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-caption ${id}-desc`} focusable="false">
        <desc id={`${id}-desc`}>Line chart; the same figures are in the table below.</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#b1b4b6" strokeWidth="1" />
            <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#0b0c0c">
              {formatShare(tick)}
            </text>
          </g>
        ))}
        {months.map((month, index) =>
          index % labelEvery === 0 ? (
            <text key={month} x={x(index)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12" fill="#0b0c0c">
              {month}
            </text>
          ) : null,
        )}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} stroke="#0b0c0c" strokeWidth="1" />
        {series.map((s, index) => {
          const style = SERIES_STYLE[index]!;
          return (
            <g key={s.key}>
              <path d={linePath(s.values.map((value, i) => ({ x: x(i), y: value === null ? null : y(value) })))} fill="none" stroke={style.stroke} strokeWidth="2.5" strokeDasharray={style.dash} />
              {s.values.map((value, i) => (value === null ? null : <Marker key={i} kind={style.marker} x={x(i)} y={y(value)} color={style.stroke} />))}
            </g>
          );
        })}
      </svg>
      <details className="ms-chart-table">
        <summary>Show the figures as a table</summary>
        <div className="ms-table-wrap" tabIndex={0} role="region" aria-label={`${title}: table`}>
          <table className="s-table">
            <caption className="s-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {series.map((s) => (
                  <th scope="col" key={s.key} className="s-numeric">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month, index) => (
                <tr key={month}>
                  <th scope="row">{month}</th>
                  {series.map((s) => {
                    const value = s.values[index];
                    return (
                      <td key={s.key} className={`s-numeric${value === null || value === undefined ? ' ms-withheld' : ''}`}>
                        {value === null || value === undefined ? (s.notes[index] ?? '—') : formatShare(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export interface ScatterPoint {
  messageId: string;
  title: string;
  readability: number;
  satisfaction: number;
  ratings: number;
}

/** Readability (0–10) against satisfaction (0–100 %), one dot a message, with Pearson's r and n. */
export function ReadabilityScatter({ points, r, n }: { points: ScatterPoint[]; r: number | null; n: number }) {
  const id = useId();
  const x = linearScale([0, 10], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([0, 1], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const fit = leastSquares(points.map((p) => ({ x: p.readability, y: p.satisfaction })));
  const summary = describeCorrelation(r, n);
  const xs = points.map((p) => p.readability);
  const fitFrom = Math.min(...xs);
  const fitTo = Math.max(...xs);
  return (
    <figure className="ms-chart" aria-labelledby={`${id}-caption`} data-testid="scatter">
      <figcaption id={`${id}-caption`} className="ms-chart-caption">
        Readability and satisfaction, one dot per message
      </figcaption>
      <p className="ms-chart-summary" id={`${id}-summary`} data-testid="correlation">
        {summary}
      </p>
      <svg className="ms-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-caption ${id}-summary`} focusable="false">
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#b1b4b6" strokeWidth="1" />
            <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#0b0c0c">
              {formatShare(tick)}
            </text>
          </g>
        ))}
        {[0, 2, 4, 6, 8, 10].map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12" fill="#0b0c0c">
            {tick}
          </text>
        ))}
        <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="12" fill="#0b0c0c">
          Readability score (0–10, higher is easier)
        </text>
        <text x={14} y={(MARGIN.top + HEIGHT - MARGIN.bottom) / 2} textAnchor="middle" fontSize="12" fill="#0b0c0c" transform={`rotate(-90 14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2})`}>
          Satisfaction (4–5 stars)
        </text>
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} stroke="#0b0c0c" strokeWidth="1" />
        {fit && points.length >= 3 && (
          <line x1={x(fitFrom)} x2={x(fitTo)} y1={y(fit.intercept + fit.slope * fitFrom)} y2={y(fit.intercept + fit.slope * fitTo)} stroke="#b35900" strokeWidth="2" strokeDasharray="6 4" />
        )}
        {points.map((point) => (
          <circle key={point.messageId} cx={x(point.readability)} cy={y(point.satisfaction)} r={5} fill="#1d3557" fillOpacity="0.75" stroke="#fff" strokeWidth="1" />
        ))}
      </svg>
      <details className="ms-chart-table">
        <summary>Show the messages as a table</summary>
        <div className="ms-table-wrap" tabIndex={0} role="region" aria-label="Readability and satisfaction by message: table">
          <table className="s-table" data-testid="scatter-table">
            <caption className="s-visually-hidden">Readability and satisfaction by message</caption>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col" className="s-numeric">
                  Readability
                </th>
                <th scope="col" className="s-numeric">
                  Satisfaction
                </th>
                <th scope="col" className="s-numeric">
                  Ratings
                </th>
              </tr>
            </thead>
            <tbody>
              {[...points]
                .sort((a, b) => a.readability - b.readability)
                .map((point) => (
                  <tr key={point.messageId}>
                    <th scope="row">
                      <a href={`/staff/messages/${point.messageId}`}>{point.title}</a>
                    </th>
                    <td className="s-numeric">{point.readability.toLocaleString('en-GB', { maximumFractionDigits: 1 })}</td>
                    <td className="s-numeric">{formatShare(point.satisfaction)}</td>
                    <td className="s-numeric">{point.ratings.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
