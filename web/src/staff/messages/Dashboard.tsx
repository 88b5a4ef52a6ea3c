import type { ResultLevel } from '@wardpulse/domain';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { formatP, formatPoints, formatShare, LEVEL_LABELS, withheldText } from '../results/format.ts';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { dayAfter, dayStart, monthsBetween, type Month } from './charts.ts';
import { MonthlyChart, ReadabilityScatter, type Series } from './Charts.tsx';
import { downloadKpis, useMessagesApi, type KpiChangeRow, type KpiMeasure, type KpiReport } from './client.ts';
import { formatDate } from '../shared/dates.ts';
import { KpiCards, KpiTable } from './KpiBlocks.tsx';
import { SectionNav } from './SectionNav.tsx';
import { chartSpan, defaultPeriods, type Periods } from './periods.ts';

const MEASURE_LABELS: Record<KpiMeasure, string> = { satisfaction: 'Satisfaction', interactionRate: 'Interaction rate', shareRate: 'Share rate' };
const LEVELS: ResultLevel[] = ['ward', 'district', 'area', 'force'];

const periodQuery = (periods: Periods) => ({
  from: dayStart(periods.from),
  to: dayAfter(periods.to),
  compareFrom: periods.compare ? dayStart(periods.compareFrom) : null,
  compareTo: periods.compare ? dayAfter(periods.compareTo) : null,
});

/** Runs `tasks` a few at a time. */
async function limited<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      for (let index = next++; index < tasks.length; index = next++) results[index] = await tasks[index]!();
    }),
  );
  return results;
}

/**
 * The pilot's KPIs computed by the system: headline cards, the rates month by month, every unit
 * of a level, the change from a baseline period with a significance test, readability against
 * satisfaction, and the same table as CSV or XLSX.
 */
export function Dashboard() {
  const api = useStaffApi();
  const messagesApi = useMessagesApi();
  const id = useId();
  const [draft, setDraft] = useState<Periods>(() => defaultPeriods(new Date()));
  const [applied, setApplied] = useState<Periods>(draft);
  const [level, setLevel] = useState<ResultLevel>('ward');
  const [spanScatter, setSpanScatter] = useState<KpiReport['scatter'] | null>(null);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [download, setDownload] = useState<{ state: 'idle' | 'busy' | 'done' | 'failed'; text: string }>({ state: 'idle', text: '' });
  const downloadLink = useRef<string | null>(null);
  useDocumentTitle('Dashboard — Messages');

  const report = useResource(() => messagesApi.report({ level, ...periodQuery(applied) }), [applied, level, messagesApi]);

  // The months of the period, force-wide, one report each (a few at a time).
  const monthly = useResource(
    async (signal): Promise<{ months: Month[]; reports: KpiReport[] } | null> => {
      const span = chartSpan(applied);
      const from = dayStart(span.from);
      const to = dayStart(span.to);
      if (!from || !to) return null;
      const months = monthsBetween(new Date(from), new Date(to), 24);
      setSpanScatter(null);
      // Comparing periods, readability against satisfaction is drawn across both, before and after.
      if (applied.compare) {
        messagesApi
          .report({ level: 'force', from, to: dayAfter(span.to) })
          .then((value) => !signal.aborted && setSpanScatter(value.scatter))
          .catch(() => undefined);
      }
      const reports = await limited(
        months.map((month) => () => messagesApi.report({ level: 'force', from: month.from, to: month.to })),
        4,
      );
      return { months, reports };
    },
    [applied, messagesApi],
  );

  useEffect(
    () => () => {
      if (downloadLink.current) URL.revokeObjectURL(downloadLink.current);
    },
    [],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const q = periodQuery(draft);
    if (!q.from || !q.to) return setPeriodError('Enter both dates of the period.');
    if (q.from >= q.to) return setPeriodError('The period must end after it starts.');
    if (draft.compare && (!q.compareFrom || !q.compareTo || q.compareFrom >= q.compareTo)) return setPeriodError('Enter both dates of the period to compare with, the end after the start.');
    setPeriodError(null);
    setApplied(draft);
  };

  const exportAs = async (format: 'csv' | 'xlsx') => {
    if (download.state === 'busy') return;
    setDownload({ state: 'busy', text: `Preparing the ${format.toUpperCase()} file…` });
    try {
      const q = periodQuery(applied);
      const file = await downloadKpis(api, { level, from: q.from, to: q.to, format });
      if (downloadLink.current) URL.revokeObjectURL(downloadLink.current);
      downloadLink.current = URL.createObjectURL(file.blob);
      const anchor = document.createElement('a');
      anchor.href = downloadLink.current;
      anchor.download = file.name;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setDownload({ state: 'done', text: `Downloaded ${file.name}.` });
    } catch (error) {
      setDownload({ state: 'failed', text: errorText(error, 'The file could not be made.') });
    }
  };

  const series = useMemo<Series[] | null>(() => {
    const data = monthly.status === 'ready' ? monthly.data : null;
    if (!data) return null;
    const threshold = data.reports[0]?.disclosure.threshold ?? 10;
    const pick = (measure: KpiMeasure): Series => ({
      key: measure,
      label: MEASURE_LABELS[measure],
      values: data.reports.map((r) => (r.totals[measure].status === 'shown' ? r.totals[measure].share : null)),
      notes: data.reports.map((r) => {
        const cell = r.totals[measure];
        return cell.status === 'suppressed' ? withheldText(cell.reason, threshold) : cell.status === 'empty' ? (r.messages === 0 ? 'No messages' : 'No data') : null;
      }),
    });
    return [pick('satisfaction'), pick('interactionRate'), pick('shareRate')];
  }, [monthly]);

  const threshold = report.status === 'ready' ? report.data.disclosure.threshold : 10;
  return (
    <div className="ms-dashboard">
      <h1>Message dashboard</h1>
      <SectionNav />
      <p className="s-muted">
        Satisfaction is the share of ratings that are 4 or 5 stars; interaction rate is replies and ratings per recipient; share rate is shares per recipient. Intervals are 95 %.
      </p>

      <form className="ms-filters" onSubmit={apply} noValidate aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`} className="s-visually-hidden">
          Period
        </h2>
        {periodError && (
          <p className="s-error" role="alert">
            {periodError}
          </p>
        )}
        <fieldset className="s-fieldset ms-period">
          <legend>Period</legend>
          <DateField id={`${id}-from`} label="From" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
          <DateField id={`${id}-to`} label="To (inclusive)" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        </fieldset>
        <div className="sv-check">
          <input type="checkbox" id={`${id}-compare`} checked={draft.compare} onChange={(event) => setDraft({ ...draft, compare: event.target.checked })} />
          <label htmlFor={`${id}-compare`}>Compare with an earlier period (before and after a change)</label>
        </div>
        {draft.compare && (
          <fieldset className="s-fieldset ms-period">
            <legend>Compare with</legend>
            <DateField id={`${id}-cfrom`} label="From" value={draft.compareFrom} onChange={(compareFrom) => setDraft({ ...draft, compareFrom })} />
            <DateField id={`${id}-cto`} label="To (inclusive)" value={draft.compareTo} onChange={(compareTo) => setDraft({ ...draft, compareTo })} />
          </fieldset>
        )}
        <button type="submit">Show figures</button>
      </form>

      {report.status === 'loading' && <p role="status">Loading the figures…</p>}
      {report.status === 'error' && (
        <div className="s-alert" role="alert">
          <p>{errorText(report.error, 'Could not load the figures.')}</p>
          <button
            type="button"
            onClick={() => {
              void report.reload();
              void monthly.reload();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {report.status === 'ready' && (
        <>
          <section aria-labelledby={`${id}-totals`}>
            <h2 id={`${id}-totals`}>
              Whole force: {report.data.messages} {report.data.messages === 1 ? 'message' : 'messages'} sent
            </h2>
            <KpiCards kpis={report.data.totals} threshold={threshold} readabilityLabel="Readability (mean, 0–10)" />
          </section>

          <section aria-labelledby={`${id}-monthly`}>
            <h2 id={`${id}-monthly`}>Month by month</h2>
            {monthly.status === 'loading' && <p role="status">Loading the months…</p>}
            {monthly.status === 'error' && <p className="s-alert">{errorText(monthly.error, 'Could not load the monthly figures.')}</p>}
            {monthly.status === 'ready' && monthly.data && series && <MonthlyChart months={monthly.data.months.map((m) => m.label)} series={series} title="Satisfaction, interaction rate and share rate by month, whole force" />}
            {applied.compare && monthly.status === 'ready' && monthly.data && <p className="s-hint">The months run from the start of the period compared with to the end of the period shown.</p>}
          </section>

          {report.data.comparison && <Comparison comparison={report.data.comparison} threshold={threshold} />}

          <section aria-labelledby={`${id}-scatter`}>
            <h2 id={`${id}-scatter`}>Does readability matter?</h2>
            {applied.compare && !spanScatter && <p role="status">Loading both periods…</p>}
            {(!applied.compare || spanScatter) && <ReadabilityScatter {...(spanScatter ?? report.data.scatter)} />}
            <p className="s-hint">{applied.compare ? 'Messages sent in both periods, before and after.' : 'Messages sent in the period.'} Only messages whose satisfaction can be published are drawn.</p>
          </section>

          <section aria-labelledby={`${id}-units`}>
            <div className="ms-units-head">
              <h2 id={`${id}-units`}>By {LEVEL_LABELS[level].singular.toLowerCase()}</h2>
              <div className="s-field ms-level">
                <label htmlFor={`${id}-level`}>Show</label>
                <select id={`${id}-level`} value={level} onChange={(event) => setLevel(event.target.value as ResultLevel)}>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_LABELS[l].plural}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="s-hint">{report.data.disclosure.description}</p>
            <KpiTable units={report.data.units} threshold={threshold} caption={`KPIs by ${LEVEL_LABELS[level].singular.toLowerCase()}`} unitLabel={LEVEL_LABELS[level].singular} />
            <div className="ms-export" role="group" aria-labelledby={`${id}-export`}>
              <h3 id={`${id}-export`}>Download this table</h3>
              <p className="s-hint">The same disclosure control as on screen: withheld figures are empty cells marked as withheld, never 0. No personal data.</p>
              <div className="ms-buttons">
                <button type="button" aria-disabled={download.state === 'busy'} onClick={() => void exportAs('csv')}>
                  Download CSV
                </button>
                <button type="button" aria-disabled={download.state === 'busy'} onClick={() => void exportAs('xlsx')}>
                  Download XLSX
                </button>
              </div>
              <p role="status" className={download.state === 'failed' ? 's-error' : undefined}>
                {download.text}
              </p>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="s-field ms-date">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

function Comparison({ comparison, threshold }: { comparison: NonNullable<KpiReport['comparison']>; threshold: number }) {
  const id = useId();
  const { before, after, rows } = comparison;
  const period = (p: { from: string | null; to: string | null }) =>
    `${p.from ? formatDate(p.from) : 'the start'} to ${p.to ? formatDate(new Date(p.to).getTime() - 1) : 'now'}`;
  const cell = (c: KpiChangeRow['before']) => (c.status === 'shown' ? `${formatShare(c.share)} (n ${c.n.toLocaleString('en-GB')})` : c.status === 'suppressed' ? withheldText(c.reason, threshold) : '—');
  const force = rows.filter((row) => row.unitCode === 'force');
  const others = rows.filter((row) => row.unitCode !== 'force');
  return (
    <section aria-labelledby={`${id}-title`} data-testid="comparison">
      <h2 id={`${id}-title`}>Before and after</h2>
      <p>
        Before: {period(before)}, {before.messages} messages. After: {period(after)}, {after.messages} messages. Differences are tested with a two-proportion z test; p-values are adjusted
        for the number of comparisons ({comparison.adjustment === 'holm' ? 'Holm' : comparison.adjustment}), significant when below {comparison.alpha}.
      </p>
      <ChangeTable rows={force} caption="Whole force" cell={cell} />
      {others.length > 0 && (
        <details className="ms-chart-table">
          <summary>Show the change place by place ({others.length} rows)</summary>
          <ChangeTable rows={others} caption="Change by unit" cell={cell} />
        </details>
      )}
    </section>
  );
}

function ChangeTable({ rows, caption, cell }: { rows: KpiChangeRow[]; caption: string; cell: (c: KpiChangeRow['before']) => string }) {
  return (
    <div className="ms-table-wrap" tabIndex={0} role="region" aria-label={`Change between the periods: ${caption}`}>
      <table className="s-table ms-compare-table" data-testid={caption === 'Whole force' ? 'comparison-force' : undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Measure</th>
            <th scope="col" className="s-numeric">
              Before
            </th>
            <th scope="col" className="s-numeric">
              After
            </th>
            <th scope="col" className="s-numeric">
              Change
            </th>
            <th scope="col" className="s-numeric">
              Relative
            </th>
            <th scope="col" className="s-numeric">
              p (adjusted)
            </th>
            <th scope="col">Significant?</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.unitCode}-${row.measure}`}>
              <th scope="row">{row.unitName}</th>
              <td>{MEASURE_LABELS[row.measure]}</td>
              <td className={`s-numeric${row.before.status === 'suppressed' ? ' ms-withheld' : ''}`}>{cell(row.before)}</td>
              <td className={`s-numeric${row.after.status === 'suppressed' ? ' ms-withheld' : ''}`}>{cell(row.after)}</td>
              <td className="s-numeric">{row.difference === null ? '—' : formatPoints(row.difference)}</td>
              <td className="s-numeric">{row.relativeChange === null ? '—' : `${row.relativeChange > 0 ? '+' : row.relativeChange < 0 ? '−' : ''}${formatShare(Math.abs(row.relativeChange))}`}</td>
              <td className="s-numeric">{row.pAdjusted === null ? '—' : formatP(row.pAdjusted)}</td>
              <td>{row.p === null ? 'Not tested' : row.significant ? <strong>Yes</strong> : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
