/** The Results page's choices: level, wards within a district or area, group, question and measure. */
import type { SurveyResults } from '@wardpulse/domain';
import { useId } from 'react';
import { LEVEL_LABELS } from './format.ts';
import { measuresFor, type GroupChoice } from './measures.ts';
import { formatGroup, LEVELS, parseGroup, type ResultsQuery } from './query-state.ts';
import type { Geography } from './useResultsData.ts';

export function Filters({
  results,
  query,
  update,
  geography,
  groups,
  questionId,
  measure,
}: {
  results: SurveyResults;
  query: ResultsQuery;
  update: (change: Partial<ResultsQuery>) => void;
  geography: Geography;
  groups: GroupChoice[];
  questionId: string;
  measure: string;
}) {
  const id = useId();
  const question = results.questions.find((q) => q.id === questionId);
  const group = query.group ? formatGroup(query.group) : '';
  return (
    <div className="res-filters" data-testid="results-filters">
      <div className="s-field">
        <label htmlFor={`${id}-level`}>Level</label>
        <select id={`${id}-level`} value={query.level} onChange={(event) => update({ level: LEVELS.find((l) => l === event.target.value) ?? 'ward', within: null })}>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {LEVEL_LABELS[level].plural}
            </option>
          ))}
        </select>
      </div>
      <div className="s-field res-field-wide">
        <label htmlFor={`${id}-question`}>Question</label>
        <select id={`${id}-question`} value={questionId} onChange={(event) => update({ question: event.target.value, show: null })}>
          {results.questions.map((q, index) => (
            <option key={q.id} value={q.id}>
              {index + 1}. {q.title}
            </option>
          ))}
        </select>
      </div>
      {question && (
        <div className="s-field">
          <label htmlFor={`${id}-show`}>Show the share answering</label>
          <select id={`${id}-show`} value={measure} onChange={(event) => update({ show: event.target.value })}>
            {measuresFor(question).map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="s-field">
        <label htmlFor={`${id}-group`}>Respondents</label>
        <select id={`${id}-group`} value={group} onChange={(event) => update({ group: parseGroup(event.target.value) })} aria-describedby={`${id}-group-hint`}>
          <option value="">Everyone</option>
          {/* While the list of groups loads, the chosen one still shows. */}
          {group && !groups.some((g) => g.options.some((o) => `${g.questionId}:${o.id}` === group)) && <option value={group}>{results.group?.label ?? group}</option>}
          {groups.map((g) => (
            <optgroup key={g.questionId} label={g.title}>
              {g.options.map((option) => (
                <option key={option.id} value={`${g.questionId}:${option.id}`}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <span id={`${id}-group-hint`} className="s-hint">
          Limit every figure to one group, for equality monitoring.
        </span>
      </div>
      {query.level === 'ward' && (geography.districts.length > 0 || geography.areas.length > 0) && (
        <div className="s-field">
          <label htmlFor={`${id}-within`}>Wards in</label>
          <select id={`${id}-within`} value={query.within ?? ''} onChange={(event) => update({ within: event.target.value || null })}>
            <option value="">The whole force</option>
            {geography.districts.length > 0 && (
              <optgroup label="Districts">
                {geography.districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            )}
            {geography.areas.length > 0 && (
              <optgroup label="Impact Areas and neighbourhood teams">
                {geography.areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
      )}
    </div>
  );
}
