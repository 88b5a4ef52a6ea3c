/**
 * The staff console's Results page (`/staff/surveys/<id>/results`): headline figures, a ward map
 * with its table, force-wide charts of every question, comments' sentiment, wave-on-wave change
 * and exports. Every choice is in the address, so a link shows the same view.
 */
import type { SurveyResults } from '@wardpulse/domain';
import { useCallback, useEffect, useId, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { Link } from '../../shared/navigation.tsx';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { getResults } from './client.ts';
import { ComparePanel } from './ComparePanel.tsx';
import { disclosureSentence, formatCount, formatDate, formatDateTime, LEVEL_LABELS, vintageText } from './format.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { QUESTION_TYPE_LABELS, resolveView } from './measures.ts';
import { formatResultsQuery, parseResultsQuery, resultsPath, type ResultsQuery } from './query-state.ts';
import { QuestionCharts } from './QuestionCharts.tsx';
import { ResultsMap } from './ResultsMap.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { SentimentPanel } from './SentimentPanel.tsx';
import { Filters } from './Filters.tsx';
import { useGeography, useGroupChoices, useSeries } from './useResultsData.ts';
import './results.css';

type LoadFailure = { message: string; status: number };

/** Keeps the page's choices in the address without adding a history entry per change. */
function useQueryState(surveyId: string): [ResultsQuery, (change: Partial<ResultsQuery>) => void] {
  const [query, setQuery] = useState(() => parseResultsQuery(window.location.search));
  useEffect(() => {
    const onPop = () => setQuery(parseResultsQuery(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback(
    (change: Partial<ResultsQuery>) =>
      setQuery((current) => {
        const next = { ...current, ...change };
        window.history.replaceState(null, '', `${resultsPath(surveyId)}${formatResultsQuery(next)}`);
        return next;
      }),
    [surveyId],
  );
  return [query, update];
}

export default function ResultsPage({ surveyId }: { surveyId: string }) {
  const api = useStaffApi();
  const [query, update] = useQueryState(surveyId);
  const within = query.level === 'ward' ? query.within : null;
  // While new choices load (or if they fail), the last results stay on the page.
  const load = useResource(() => getResults(api, surveyId, { level: query.level, group: query.group, within }), [api, surveyId, query.level, query.group, within]);
  const results = load.data ?? null;
  const failure: LoadFailure | null = load.status === 'error' ? { message: errorText(load.error, 'The results could not be loaded.'), status: load.error instanceof ApiError ? load.error.status : 0 } : null;
  useDocumentTitle(results ? `Results: ${results.survey.title}` : 'Results');

  return (
    <div className="res-page">
      <p className="res-back">
        <Link to={`/staff/surveys/${surveyId}`}>Back to the survey</Link>
        <span aria-hidden="true"> · </span>
        <Link to="/staff/surveys">All surveys</Link>
      </p>
      <h1>{results ? `Results: ${results.survey.title}` : 'Results'}</h1>
      {load.status === 'loading' && <p role="status">{results ? 'Updating the results…' : 'Loading the results…'}</p>}
      {failure && <LoadProblem load={failure} retry={() => void load.reload()} reset={() => update({ group: null, within: null, level: 'ward' })} />}
      {results && <Results key={results.survey.id} surveyId={surveyId} results={results} query={query} update={update} />}
    </div>
  );
}

function LoadProblem({ load, retry, reset }: { load: LoadFailure; retry: () => void; reset: () => void }) {
  if (load.status === 404) {
    return (
      <div className="s-alert" role="alert">
        <h2>Survey not found</h2>
        <p>{load.message}</p>
        <p>
          <Link to="/staff/surveys">Go to the list of surveys</Link>
        </p>
      </div>
    );
  }
  if (load.status === 409) {
    return (
      <div className="res-empty" data-testid="results-unavailable">
        <h2>No results yet</h2>
        <p>{load.message}</p>
        <p>A survey has results once it is published and residents have answered it.</p>
      </div>
    );
  }
  return (
    <div className="s-alert" role="alert">
      <h2>The results could not be loaded</h2>
      <p>{load.message}</p>
      <div className="res-buttons">
        <button type="button" onClick={retry}>
          Try again
        </button>
        {(load.status === 400 || load.status === 422) && (
          <button type="button" className="res-button-secondary" onClick={reset}>
            Reset the choices
          </button>
        )}
      </div>
    </div>
  );
}

export function Results({ surveyId, results, query, update }: { surveyId: string; results: SurveyResults; query: ResultsQuery; update: (change: Partial<ResultsQuery>) => void }) {
  const id = useId();
  const tableId = `${id}-table`;
  const vintages = [...new Set(results.versions.flatMap((v) => (v.boundaryVintage ? [v.boundaryVintage] : [])))];
  // Results are worked out on the live boundaries (older wards keep their own rows), so the map is the live one.
  const geography = useGeography();
  const series = useSeries(surveyId);
  const groups = useGroupChoices(surveyId, results);
  const { question, measure } = resolveView(query, results);
  const group = results.group ? { questionId: results.group.questionId, optionId: results.group.optionId } : null;
  const groupLabel = results.group ? results.group.label : null;
  const textQuestions = results.questions.filter((q) => q.type === 'text');

  if (results.versions.length === 0) {
    return (
      <div className="res-empty" data-testid="results-unpublished">
        <h2>This survey has not been published</h2>
        <p>Results appear once a version is published and residents answer it. Publish it from the survey designer.</p>
      </div>
    );
  }

  return (
    <>
      <Headline results={results} vintages={vintages} />
      {results.totals.responses === 0 ? (
        <div className="res-empty" data-testid="results-empty">
          <h2>No responses yet</h2>
          <p>Nobody has answered this survey yet. Share its link with residents; figures appear here as responses arrive.</p>
        </div>
      ) : (
        <>
          <section aria-labelledby={`${id}-filters`} className="res-section">
            <h2 id={`${id}-filters`}>What to show</h2>
            <Filters results={results} query={query} update={update} geography={geography} groups={groups} questionId={question?.id ?? ''} measure={measure ?? ''} />
          </section>

          {question && measure && (
            <section aria-labelledby={`${id}-map`} className="res-section">
              <h2 id={`${id}-map`}>{LEVEL_LABELS[results.level].plural}: map and table</h2>
              <p className="res-lead">
                {question.title} <span className="s-muted">({QUESTION_TYPE_LABELS[question.type]})</span>
              </p>
              <ResultsMap
                results={results}
                question={question}
                measure={measure}
                areas={geography.areas}
                districtNames={geography.districtNames}
                vintage={undefined}
                tableId={tableId}
              />
              <ResultsTable results={results} question={question} measure={measure} id={tableId} districtNames={geography.districtNames} />
            </section>
          )}

          <section aria-labelledby={`${id}-charts`} className="res-section">
            <h2 id={`${id}-charts`}>Every question, whole force</h2>
            <p className="s-muted">Bars run from 0% to 100% (dotted lines at 25%, 50% and 75%); the black whiskers show the 95% interval.</p>
            <QuestionCharts results={results} />
          </section>

          {textQuestions.length > 0 && (
            <section aria-labelledby={`${id}-comments`} className="res-section">
              <h2 id={`${id}-comments`}>Comments</h2>
              {textQuestions.map((q) => (
                <SentimentPanel key={q.id} surveyId={surveyId} results={results} question={q} />
              ))}
            </section>
          )}

          <section aria-labelledby={`${id}-waves`} className="res-section">
            <h2 id={`${id}-waves`}>Wave on wave</h2>
            {series.state === 'loading' && <p role="status">Looking for other waves…</p>}
            {series.state === 'failed' && <p className="s-alert">{series.message}</p>}
            {series.state === 'loaded' && series.surveys.length === 0 && <p className="s-muted">This survey has no other waves to compare with. Duplicate it as the next wave from the survey designer to run it again.</p>}
            {series.state === 'loaded' && series.surveys.length > 0 && question && (
              <ComparePanel
                surveyId={surveyId}
                wave={results.survey.wave}
                series={series.surveys}
                question={question}
                level={results.level}
                compareWith={query.compare}
                adjust={query.adjust}
                onChange={(change) => update(change)}
              />
            )}
          </section>
        </>
      )}

      <section aria-labelledby={`${id}-export`} className="res-section">
        <h2 id={`${id}-export`}>Export</h2>
        <ExportPanel surveyId={surveyId} level={results.level} group={group} groupLabel={groupLabel} />
      </section>
    </>
  );
}

function Headline({ results, vintages }: { results: SurveyResults; vintages: string[] }) {
  const { totals } = results;
  return (
    <>
      <dl className="res-headline" data-testid="results-headline">
        <div>
          <dt>Wave</dt>
          <dd>
            {results.survey.wave}
            {results.survey.seriesId ? <span className="s-muted"> of “{results.survey.seriesId}”</span> : null}
          </dd>
        </div>
        <div>
          <dt>{results.versions.length === 1 ? 'Version' : 'Versions'}</dt>
          <dd>
            {results.versions.map((v) => (
              <span key={v.version} className="res-block">
                Version {v.version}, published {formatDate(v.publishedAt)}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>Ward boundaries</dt>
          <dd data-testid="results-vintages">{vintages.length === 0 ? 'Not recorded' : vintages.map(vintageText).join('; ')}</dd>
        </div>
        <div>
          <dt>Responses</dt>
          <dd data-testid="results-responses">{formatCount(totals.responses)}</dd>
        </div>
        <div>
          <dt>With a ward</dt>
          <dd>{formatCount(totals.withWard)}</dd>
        </div>
        <div>
          <dt>Without a ward</dt>
          <dd>{formatCount(totals.withoutWard)}</dd>
        </div>
        <div>
          <dt>Figures as of</dt>
          <dd>{formatDateTime(results.generatedAt)}</dd>
        </div>
      </dl>
      {vintages.length > 1 && <p className="res-warning">This survey’s versions were answered on different ward boundaries ({vintages.join(', ')}); the map shows the latest.</p>}
      <p className="res-disclosure" data-testid="disclosure">
        <strong>Small numbers are withheld.</strong> {disclosureSentence(results.disclosure.threshold)}
      </p>
      {results.group && (
        <p className="res-group-notice" data-testid="group-notice">
          Showing only respondents who answered “{results.group.label}”. Figures for a group are smaller, so more of them are withheld.
        </p>
      )}
    </>
  );
}

