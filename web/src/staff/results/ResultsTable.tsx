import type { QuestionResult, SurveyResults } from '@wardpulse/domain';
import { useState } from 'react';
import { cellStatus, formatCount, formatInterval, formatShare, LEVEL_LABELS } from './format.ts';
import { measureCell, measureLabel, sortKey } from './measures.ts';

type Sort = { by: 'name' | 'share'; descending: boolean };

export const NO_LOCATION = 'No location given';

export const unitName = (unit: { code: string; name: string }) => (unit.code === 'none' ? NO_LOCATION : unit.name);

/**
 * The units of the chosen level with the chosen share: respondents who answered, the share with
 * its 95 % interval, and whether it is shown or withheld (and why). The map's accessible
 * alternative, so it has every figure the map has.
 */
export function ResultsTable({ results, question, measure, id, districtNames }: { results: SurveyResults; question: QuestionResult; measure: string; id: string; districtNames: ReadonlyMap<string, string> }) {
  const [sort, setSort] = useState<Sort>({ by: 'name', descending: false });
  const threshold = results.disclosure.threshold;
  const level = LEVEL_LABELS[results.level];
  const what = measureLabel(question, measure);

  const rows = results.units.map((unit) => {
    const figures = question.units[unit.code];
    return { unit, base: figures?.base, cell: measureCell(figures, measure) };
  });
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) => (a.unit.code === 'none' ? 1 : b.unit.code === 'none' ? -1 : unitName(a.unit).localeCompare(unitName(b.unit)));
  rows.sort((a, b) => {
    const order = sort.by === 'name' ? byName(a, b) : sortKey(a.cell) - sortKey(b.cell) || byName(a, b);
    return sort.descending ? -order : order;
  });

  const toggle = (by: Sort['by']) => setSort((current) => ({ by, descending: current.by === by ? !current.descending : by === 'share' }));
  const ariaSort = (by: Sort['by']) => (sort.by === by ? (sort.descending ? 'descending' : 'ascending') : undefined);

  return (
    <div className="res-table-wrap">
      <table className="s-table s-stack res-table" id={id} data-testid="results-table">
        <caption>
          {level.plural}: share answering “{what}” to “{question.title}”
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('name')}>
              <button type="button" className="res-sort" onClick={() => toggle('name')}>
                {level.singular}
                <SortMark active={sort.by === 'name'} descending={sort.descending} />
              </button>
            </th>
            <th scope="col" className="s-numeric">
              Answered (n)
            </th>
            <th scope="col" className="s-numeric" aria-sort={ariaSort('share')}>
              <button type="button" className="res-sort" onClick={() => toggle('share')}>
                Share
                <SortMark active={sort.by === 'share'} descending={sort.descending} />
              </button>
            </th>
            <th scope="col" className="s-numeric">
              95% interval
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ unit, base, cell }) => {
            // A withheld unit withholds everything inside it, whatever the question's cell says.
            const status = unit.respondents.status === 'suppressed' ? cellStatus(unit.respondents, threshold) : cellStatus(cell, threshold);
            return (
              <tr key={unit.code} data-code={unit.code} data-status={status.kind}>
                <th scope="row">
                  {unitName(unit)}
                  {results.level === 'ward' && unit.parentCode && <span className="res-parent"> {districtNames.get(unit.parentCode) ?? unit.parentCode}</span>}
                </th>
                <td className="s-numeric" data-label="Answered (n)">{base?.status === 'shown' ? formatCount(base.n) : base?.status === 'suppressed' ? 'Withheld' : <NotShown />}</td>
                <td className="s-numeric" data-label="Share">{status.kind === 'shown' && cell?.status === 'shown' ? formatShare(cell.share) : status.kind === 'withheld' ? 'Withheld' : <NotShown />}</td>
                <td className="s-numeric" data-label="95% interval">{status.kind === 'shown' && cell?.status === 'shown' ? formatInterval(cell.lower, cell.upper) : <NotShown />}</td>
                <td className={`res-status res-status-${status.kind}`} data-label="Status">{status.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="s-muted">No {level.plural.toLowerCase()} to show for this selection.</p>}
    </div>
  );
}

function SortMark({ active, descending }: { active: boolean; descending: boolean }) {
  return (
    <span className="res-sort-mark" aria-hidden="true">
      {active ? (descending ? ' ▼' : ' ▲') : ' ↕'}
    </span>
  );
}

/** An empty cell: a dash to see, "none" to hear. */
export function NotShown() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="s-visually-hidden">none</span>
    </>
  );
}
