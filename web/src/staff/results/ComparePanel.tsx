import type { Adjustment, QuestionResult, ResultLevel, WaveChangeRow, WaveComparison } from '@wardpulse/domain';
import { useId, useState } from 'react';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { errorText } from '../shared/ui.tsx';
import { getComparison, type SeriesSurvey } from './client.ts';
import { cellStatus, formatCount, formatP, formatPoints, formatShare, LEVEL_LABELS } from './format.ts';
import { LEVELS } from './query-state.ts';
import { NotShown, unitName } from './ResultsTable.tsx';

export const ADJUSTMENT_LABELS: Record<Adjustment, { name: string; hint: string }> = {
  holm: { name: 'Holm', hint: 'controls the chance of any false alarm (stricter)' },
  bh: { name: 'Benjamini–Hochberg', hint: 'controls the share of false alarms among the changes marked' },
};

type State = { state: 'idle' } | { state: 'loading' } | { state: 'loaded'; comparison: WaveComparison } | { state: 'failed'; message: string };

/**
 * Wave-on-wave change for the chosen question at a level the analyst picks (the page's level
 * until then): each option's share in both waves, the change in percentage points with its 95%
 * interval, the unadjusted and the adjusted p-value, significant changes marked in words and with
 * an icon, and for every change that is not significant what size of change its samples could
 * have shown. Differing boundaries are said out loud, never hidden.
 */
export function ComparePanel({
  surveyId,
  wave,
  series,
  question,
  level,
  compareWith,
  adjust,
  onChange,
}: {
  surveyId: string;
  wave: number;
  series: SeriesSurvey[];
  question: QuestionResult;
  level: ResultLevel;
  compareWith: string | null;
  adjust: Adjustment;
  onChange: (change: { compare?: string | null; adjust?: Adjustment }) => void;
}) {
  const id = useId();
  const api = useStaffApi();
  const [onlySignificant, setOnlySignificant] = useState(false);
  // Follows the page's level until the analyst chooses one here.
  const [chosenLevel, setChosenLevel] = useState<ResultLevel | null>(null);
  const compareLevel = chosenLevel ?? level;
  const other = series.find((s) => s.id === compareWith) ?? null;

  // Only the latest request may set the panel (useResource drops the others): an analyst switching
  // level quickly must not see an earlier level's comparison arrive last and replace the one they chose.
  const compared = useResource(async () => {
    if (!other) return null;
    // The later wave is always "after", whichever wave the page is open on.
    const [after, before] = other.wave > wave ? [other.id, surveyId] : [surveyId, other.id];
    return getComparison(api, after, before, { level: compareLevel, question: question.id, adjust });
  }, [api, other, wave, surveyId, compareLevel, question.id, adjust]);
  const state: State = !other
    ? { state: 'idle' }
    : compared.status === 'loading'
      ? { state: 'loading' }
      : compared.status === 'error'
        ? { state: 'failed', message: errorText(compared.error, 'The comparison could not be loaded.') }
        : compared.data
          ? { state: 'loaded', comparison: compared.data }
          : { state: 'idle' };

  const comparison = state.state === 'loaded' ? state.comparison : null;
  const rows = comparison ? comparison.rows.filter((row) => row.questionId === question.id && (!onlySignificant || row.significant)) : [];
  const comparable = comparison ? comparison.rows.filter((row) => row.questionId === question.id && row.pAdjusted !== null).length : 0;
  const significant = comparison ? comparison.rows.filter((row) => row.questionId === question.id && row.significant).length : 0;

  return (
    <div className="res-compare">
      <div className="res-filters">
        <div className="s-field res-field-wide">
          <label htmlFor={`${id}-with`}>Compare with</label>
          <select id={`${id}-with`} value={compareWith ?? ''} onChange={(event) => onChange({ compare: event.target.value || null })}>
            <option value="">Choose another wave…</option>
            {series.map((s) => (
              <option key={s.id} value={s.id}>
                Wave {s.wave}: {s.title} ({s.status})
              </option>
            ))}
          </select>
        </div>
        <div className="s-field">
          <label htmlFor={`${id}-level`}>Compare by</label>
          <select id={`${id}-level`} aria-describedby={`${id}-level-hint`} value={compareLevel} onChange={(event) => setChosenLevel(LEVELS.find((l) => l === event.target.value) ?? level)}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l].plural}
              </option>
            ))}
          </select>
          <p id={`${id}-level-hint`} className="s-muted">
            Districts, Impact Areas and the whole force pool more responses than a ward, so they can show smaller changes.
          </p>
        </div>
        <fieldset className="s-fieldset res-field-wide">
          <legend>Adjust p-values for many comparisons</legend>
          <div className="res-radios">
            {(Object.keys(ADJUSTMENT_LABELS) as Adjustment[]).map((method) => (
              <label key={method} className="res-radio">
                <input type="radio" name={`${id}-adjust`} value={method} checked={adjust === method} onChange={() => onChange({ adjust: method })} />
                <span>
                  {ADJUSTMENT_LABELS[method].name} <span className="s-muted">— {ADJUSTMENT_LABELS[method].hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      {!other && <p className="s-muted">Choose another wave of this series to see what changed.</p>}
      {state.state === 'loading' && <p role="status">Comparing the waves…</p>}
      {state.state === 'failed' && (
        <div className="s-alert" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={() => void compared.reload()}>
            Try again
          </button>
        </div>
      )}
      {comparison && (
        <>
          {comparison.vintageDiffers && (
            <div className="res-warning" data-testid="vintage-notice">
              <p>
                <strong>The waves were answered on different ward boundaries</strong> (wave {comparison.before.wave}: {comparison.before.boundaryVintages.join(', ') || 'unknown'}; wave {comparison.after.wave}:{' '}
                {comparison.after.boundaryVintages.join(', ') || 'unknown'}). Units redrawn between them cannot be compared like for like.
              </p>
            </div>
          )}
          {(comparison.onlyBefore.length > 0 || comparison.onlyAfter.length > 0) && (
            <div className="res-only" data-testid="only-in-one-wave">
              {comparison.onlyBefore.length > 0 && (
                <p>
                  Only in wave {comparison.before.wave}: {comparison.onlyBefore.join(', ')}.
                </p>
              )}
              {comparison.onlyAfter.length > 0 && (
                <p>
                  Only in wave {comparison.after.wave}: {comparison.onlyAfter.join(', ')}.
                </p>
              )}
            </div>
          )}
          <p data-testid="compare-summary">
            <strong>
              {formatCount(significant)} significant {significant === 1 ? 'change' : 'changes'}
            </strong>{' '}
            out of {formatCount(comparable)} comparable figures, wave {comparison.before.wave} to wave {comparison.after.wave} ({ADJUSTMENT_LABELS[comparison.adjustment].name} adjustment, 5% level
            {comparison.alpha !== 0.05 ? `: α = ${comparison.alpha}` : ''}). Figures withheld in either wave are not compared.
          </p>
          <FamilyNote comparison={comparison} question={question} />
          <label className="res-check">
            <input type="checkbox" checked={onlySignificant} onChange={(event) => setOnlySignificant(event.target.checked)} />
            <span>Show only significant changes</span>
          </label>
          <ChangeTable comparison={comparison} rows={rows} question={question} />
        </>
      )}
    </div>
  );
}

function ChangeTable({ comparison, rows, question }: { comparison: WaveComparison; rows: WaveChangeRow[]; question: QuestionResult }) {
  const captionId = useId();
  const threshold = comparison.disclosure.threshold;
  const level = LEVEL_LABELS[comparison.level];
  if (rows.length === 0) return <p className="s-muted">No figures to compare for this question.</p>;
  // Focusable so a keyboard can scroll it when it is wider than the screen.
  return (
    <div className="res-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="s-table res-table res-change-table" data-testid="change-table">
        <caption id={captionId}>
          Change in “{question.title}” from wave {comparison.before.wave} to wave {comparison.after.wave}, by {level.singular.toLowerCase()}
        </caption>
        <thead>
          <tr>
            <th scope="col">{level.singular}</th>
            <th scope="col">Answer</th>
            <th scope="col" className="s-numeric">
              Wave {comparison.before.wave}
            </th>
            <th scope="col" className="s-numeric">
              Wave {comparison.after.wave}
            </th>
            <th scope="col" className="s-numeric">
              Change
            </th>
            <th scope="col" className="s-numeric">
              95% interval of the change
            </th>
            <th scope="col" className="s-numeric">
              p (unadjusted)
            </th>
            <th scope="col" className="s-numeric">
              Adjusted p ({ADJUSTMENT_LABELS[comparison.adjustment].name})
            </th>
            <th scope="col">Significant?</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.unitCode}:${row.optionId}`} data-significant={row.significant} data-unit={row.unitCode}>
              <th scope="row">{unitName({ code: row.unitCode, name: row.unitName })}</th>
              <td>{row.optionLabel}</td>
              <td className="s-numeric">{shareText(row.before, threshold)}</td>
              <td className="s-numeric">{shareText(row.after, threshold)}</td>
              <td className="s-numeric">{row.difference === null ? 'Not compared' : formatPoints(row.difference)}</td>
              <td className="s-numeric">{row.differenceInterval === null ? <NotShown /> : formatPointsInterval(row.differenceInterval.lower, row.differenceInterval.upper)}</td>
              <td className="s-numeric">{row.p === null ? <NotShown /> : formatP(row.p)}</td>
              <td className="s-numeric">{row.pAdjusted === null ? <NotShown /> : formatP(row.pAdjusted)}</td>
              <td>
                <Significance row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function shareText(cell: WaveChangeRow['before'], threshold: number): string {
  if (cell.status === 'shown') return `${formatShare(cell.share)} (n ${formatCount(cell.n)})`;
  return cellStatus(cell, threshold).text;
}

/** `−41.2 to −10.0 pp`. */
function formatPointsInterval(lower: number, upper: number): string {
  return `${formatPoints(lower).slice(0, -3)} to ${formatPoints(upper)}`;
}

/** A change size in points, `±45` or `±4.5`: "about", so whole points once it is 10 or more. */
function aboutPoints(detectable: number): string {
  const points = detectable * 100;
  return `±${points.toLocaleString('en-GB', { maximumFractionDigits: points >= 10 ? 0 : 1 })} points`;
}

/**
 * What "not significant" means for this row, in words: the samples are too small to tell a
 * change of this size from chance, and how large a change they could have shown.
 */
function notSignificantNote(row: Pick<WaveChangeRow, 'before' | 'after' | 'difference' | 'detectable'>): string | null {
  if (row.before.status !== 'shown' || row.after.status !== 'shown' || row.difference === null || row.detectable === null) return null;
  const samples = `with n = ${formatCount(row.before.n)} and ${formatCount(row.after.n)}`;
  if (row.detectable >= 1) return `Too few responses to tell any change from chance: ${samples}, even a change from 0% to 100% would not be detected among these figures.`;
  const needed = `a change would need to be about ${aboutPoints(row.detectable)} to be detected`;
  if (formatPoints(row.difference) === formatPoints(0)) return `No change to speak of: ${samples}, ${needed}.`;
  return `Too few responses to tell a change of this size from chance: ${samples}, ${needed}.`;
}

/** Which rows p is adjusted across, and what size of change the samples shown can detect. */
function FamilyNote({ comparison, question }: { comparison: WaveComparison; question: QuestionResult }) {
  const level = LEVEL_LABELS[comparison.level];
  const where = comparison.level === 'force' ? 'for the whole force' : `in every ${level.singular.toLowerCase()} shown`;
  const detectable = comparison.rows.flatMap((row) => (row.detectable === null ? [] : [row.detectable]));
  const smallest = Math.min(...detectable);
  const largest = Math.max(...detectable);
  return (
    <p data-testid="compare-family">
      P-values are adjusted across a family of {formatCount(comparison.familySize)} {comparison.familySize === 1 ? 'comparison' : 'comparisons'}: every compared answer to “{question.title}” {where}. The unadjusted p is each change
      tested on its own; a change is marked significant only when its adjusted p is below {comparison.alpha}. The 95% interval is also for each change on its own.
      {detectable.length > 0 && (
        <>
          {' '}
          With these samples, a change needs to be about {smallest === largest ? aboutPoints(smallest) : `${aboutPoints(smallest)} (the largest samples) to ${aboutPoints(largest)} (the smallest)`} to be detected.
        </>
      )}
    </p>
  );
}

function Significance({ row }: { row: WaveChangeRow }) {
  if (row.pAdjusted === null) return <span className="s-muted">Not compared</span>;
  if (!row.significant) {
    const note = notSignificantNote(row);
    return (
      <>
        <span>No{note ? '.' : ''}</span>
        {note && <span className="s-muted res-change-note"> {note}</span>}
      </>
    );
  }
  const up = (row.difference ?? 0) > 0;
  return (
    <strong className={`res-significant ${up ? 'res-up' : 'res-down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'} </span>
      Yes, {up ? 'up' : 'down'}
    </strong>
  );
}
