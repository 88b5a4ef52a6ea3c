import { Link } from '../../shared/navigation.tsx';
import { resultsPath } from '../results/query-state.ts';
import { statusText } from './client.ts';
import { datesText, targetText } from './labels.ts';
import { useAreaNames, useSurveyTitles } from './useSurveyLabels.ts';
import { CopyLink } from './CopyLink.tsx';

/**
 * Every survey, most recently changed first, with its status and public link, and the wave,
 * dates and area that tell two surveys with the same title apart.
 */
export function SurveyList({ canEdit }: { canEdit: boolean }) {
  const { list, titles, problem, reload: load } = useSurveyTitles();
  const names = useAreaNames();

  return (
    <>
      <div className="sv-page-head">
        <h1>Surveys</h1>
        {canEdit && list && list.length > 0 && (
          <Link to="/staff/surveys/new" className="sv-button-link">
            Create a survey
          </Link>
        )}
      </div>
      {!canEdit && <p className="s-muted">You can see every survey and open it to read its questions. Engagement officers and administrators create and change them.</p>}
      {problem && (
        <div className="s-alert" role="alert">
          <p>{problem}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {!list && !problem && <p role="status">Loading surveys…</p>}
      {list && list.length === 0 && (
        <div className="sv-empty" data-testid="surveys-empty">
          <h2>No surveys yet</h2>
          <p>Start from “Your Priorities” or the Impact Area customer survey: both come translated into Urdu and Polish, with Public Attitude Survey wording.</p>
          {canEdit && (
            <Link to="/staff/surveys/new" className="sv-button-link">
              Create a survey
            </Link>
          )}
        </div>
      )}
      {list && list.length > 0 && (
        <table className="s-table s-stack sv-list" data-testid="survey-list">
          <caption className="s-visually-hidden">Surveys, most recently changed first</caption>
          <thead>
            <tr>
              <th scope="col">Survey</th>
              <th scope="col">Series</th>
              <th scope="col" className="s-numeric">
                Wave
              </th>
              <th scope="col">Status</th>
              <th scope="col">Dates</th>
              <th scope="col">Who it is for</th>
              <th scope="col">Link for residents</th>
              <th scope="col">Results</th>
            </tr>
          </thead>
          <tbody>
            {list.map((survey) => (
              <tr key={survey.id} data-slug={survey.slug}>
                <th scope="row">
                  <Link to={`/staff/surveys/${survey.id}`}>{titles[survey.id] ?? survey.draft?.title.en ?? survey.slug}</Link>
                </th>
                <td data-label="Series">{survey.seriesId}</td>
                <td className="s-numeric" data-label="Wave">{survey.wave}</td>
                <td data-label="Status">
                  <span className={`sv-status sv-status-${survey.status}`}>{statusText(survey)}</span>
                </td>
                <td data-label="Dates">{datesText(survey)}</td>
                <td data-label="Who it is for">{targetText(survey.targeting, names)}</td>
                <td data-label="Link for residents">{survey.publishedVersion > 0 ? <CopyLink slug={survey.slug} /> : <span className="s-muted">/s/{survey.slug} (after publishing)</span>}</td>
                <td>
                  {survey.publishedVersion > 0 ? (
                    <Link to={resultsPath(survey.id)}>
                      Results<span className="s-visually-hidden">
                        {' '}
                        of {titles[survey.id] ?? survey.draft?.title.en ?? survey.slug}, wave {survey.wave}
                      </span>
                    </Link>
                  ) : (
                    <span className="s-muted">After publishing</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
