/** KPI cards and the by-unit KPI table, shared by a message's page and the dashboard. */
import type { MessageKpis, ShareCell } from '@wardpulse/domain';
import { formatCount, formatInterval, formatShare, withheldText } from '../results/format.ts';
import type { KpiUnit } from './client.ts';
import { scoreText, shareText } from './format.ts';

const CHANNEL_LABELS: Record<string, string> = { native: 'Phone share sheet', copy: 'Copied link', whatsapp: 'WhatsApp', facebook: 'Facebook', x: 'X', email: 'E-mail' };

/** One headline figure: the share, or "Withheld" / "No data yet" in words (never 0 for withheld). */
function cardFigure(cell: ShareCell, threshold: number, empty: string): { value: string; detail: string | null; quiet: boolean } {
  if (cell.status === 'shown') return { value: formatShare(cell.share), detail: `95% CI ${formatInterval(cell.lower, cell.upper)} (${formatCount(cell.count)} of ${formatCount(cell.n)})`, quiet: false };
  if (cell.status === 'suppressed') return { value: 'Withheld', detail: withheldText(cell.reason, threshold).replace(/^Withheld \((.*)\)$/, (_, why: string) => `${why[0]!.toUpperCase()}${why.slice(1)}`), quiet: true };
  return { value: '—', detail: empty, quiet: true };
}

/** The pilot's four headline figures. */
export function KpiCards({ kpis, threshold, readabilityLabel = 'Readability (0–10)' }: { kpis: MessageKpis; threshold: number; readabilityLabel?: string }) {
  const cards = [
    { key: 'satisfaction', label: 'Satisfaction', help: 'Ratings of 4 or 5 stars', ...cardFigure(kpis.satisfaction, threshold, 'No ratings yet') },
    { key: 'interaction', label: 'Interaction rate', help: '(Replies + ratings) ÷ recipients', ...cardFigure(kpis.interactionRate, threshold, 'Not sent to anyone yet') },
    { key: 'share', label: 'Share rate', help: 'Shares ÷ recipients', ...cardFigure(kpis.shareRate, threshold, 'Not sent to anyone yet') },
    { key: 'readability', label: readabilityLabel, help: '10 is easiest to read', value: scoreText(kpis.readability), detail: null, quiet: kpis.readability === null },
  ];
  return (
    <ul className="ms-cards" data-testid="kpi-cards">
      {cards.map((card) => (
        <li key={card.key} className="ms-card" data-kpi={card.key}>
          <span className="ms-card-label">{card.label}</span>
          <span className={`ms-card-value${card.quiet ? ' ms-card-value--quiet' : ''}`}>{card.value}</span>
          {card.detail && <span className="ms-card-detail">{card.detail}</span>}
          <span className="ms-card-help">{card.help}</span>
        </li>
      ))}
    </ul>
  );
}

/** The counts behind the rates. */
export function KpiCounts({ kpis }: { kpis: MessageKpis }) {
  const channels = Object.entries(kpis.sharesByChannel).filter(([, n]) => n > 0);
  const rows = [
    ['Recipients', kpis.recipients],
    ['Views', kpis.views],
    ['Ratings', kpis.ratings],
    ['Replies', kpis.replies],
    ['Shares', kpis.shares],
    ['Replies needing follow-up', kpis.followUps],
  ] as const;
  return (
    <dl className="ms-counts" data-testid="kpi-counts">
      {rows.map(([label, value]) => (
        <div key={label} data-count={label}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
        </div>
      ))}
      {kpis.meanStars !== null && (
        <div>
          <dt>Average rating</dt>
          <dd>{kpis.meanStars.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} stars</dd>
        </div>
      )}
      {channels.length > 0 && (
        <div>
          <dt>Shares by channel</dt>
          <dd>{channels.map(([channel, n]) => `${CHANNEL_LABELS[channel] ?? channel} ${formatCount(n)}`).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}

/** KPIs by ward (or district, area, force): withheld figures say so. */
export function KpiTable({ units, threshold, caption, unitLabel }: { units: KpiUnit[]; threshold: number; caption: string; unitLabel: string }) {
  const withheld = (text: string) => text.startsWith('Withheld');
  const cell = (text: string) => <td className={`s-numeric${withheld(text) ? ' ms-withheld' : ''}`}>{text}</td>;
  return (
    <div className="ms-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="s-table ms-kpi-table" data-testid="kpi-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{unitLabel}</th>
            <th scope="col" className="s-numeric">
              Recipients
            </th>
            <th scope="col" className="s-numeric">
              Views
            </th>
            <th scope="col" className="s-numeric">
              Ratings
            </th>
            <th scope="col" className="s-numeric">
              Satisfaction
            </th>
            <th scope="col" className="s-numeric">
              Replies
            </th>
            <th scope="col" className="s-numeric">
              Interaction rate
            </th>
            <th scope="col" className="s-numeric">
              Shares
            </th>
            <th scope="col" className="s-numeric">
              Share rate
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={`${unit.level}-${unit.code}`}>
              <th scope="row">{unit.level === 'none' ? 'No ward (shared links)' : unit.name}</th>
              <td className="s-numeric">{formatCount(unit.kpis.recipients)}</td>
              <td className="s-numeric">{formatCount(unit.kpis.views)}</td>
              <td className="s-numeric">{formatCount(unit.kpis.ratings)}</td>
              {cell(shareText(unit.kpis.satisfaction, threshold))}
              <td className="s-numeric">{formatCount(unit.kpis.replies)}</td>
              {cell(shareText(unit.kpis.interactionRate, threshold))}
              <td className="s-numeric">{formatCount(unit.kpis.shares)}</td>
              {cell(shareText(unit.kpis.shareRate, threshold))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
