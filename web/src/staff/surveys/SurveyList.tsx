import { useCallback, useEffect, useState } from 'react';
import { unwrap } from '../../api.ts';
import { Link } from '../navigation.tsx';
import { resultsPath } from '../results/query-state.ts';
import { bearer, statusText, surveys, type SurveySummary } from './client.ts';
import { CopyLink, errorText } from './ui.tsx';

/** Every survey, most recently changed first, with its status and public link. */
export function SurveyList({ token, canEdit }: { token: string; canEdit: boolean }) {
  const [list, setList] = useState<SurveySummary[] | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { surveys: all } = await unwrap(surveys.$get({}, bearer(token)));
      setList(all);
      setProblem(null);
      // The list carries only drafts' content; a published survey's title is in its version.
      const published = all.filter((s) => !s.draft && s.publishedVersion > 0);
      const found = await Promise.all(
        published.map(async (s) => {
          try {
            const version = await unwrap(surveys[':id'].versions[':version'].$get({ param: { id: s.id, version: String(s.publishedVersion) } }, bearer(token)));
            return [s.id, version.content.title.en] as const;
          } catch {
            return [s.id, s.slug] as const;
          }
        }),
      );
      setTitles(Object.fromEntries(found));
    } catch (error) {
      setProblem(errorText(error, 'Could not load the surveys.'));
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

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
        <table className="s-table sv-list" data-testid="survey-list">
          <caption className="s-visually-hidden">Surveys, most recently changed first</caption>
          <thead>
            <tr>
              <th scope="col">Survey</th>
              <th scope="col">Series</th>
              <th scope="col" className="s-numeric">
                Wave
              </th>
              <th scope="col">Status</th>
              <th scope="col">Link for residents</th>
              <th scope="col">Results</th>
            </tr>
          </thead>
          <tbody>
            {list.map((survey) => (
              <tr key={survey.id} data-slug={survey.slug}>
                <th scope="row">
                  <Link to={`/staff/surveys/${survey.id}`}>{survey.draft?.title.en ?? titles[survey.id] ?? survey.slug}</Link>
                </th>
                <td>{survey.seriesId}</td>
                <td className="s-numeric">{survey.wave}</td>
                <td>
                  <span className={`sv-status sv-status-${survey.status}`}>{statusText(survey)}</span>
                </td>
                <td>{survey.publishedVersion > 0 ? <CopyLink slug={survey.slug} /> : <span className="s-muted">/s/{survey.slug} (after publishing)</span>}</td>
                <td>
                  {survey.publishedVersion > 0 ? (
                    <Link to={resultsPath(survey.id)}>
                      Results<span className="s-visually-hidden"> of {survey.draft?.title.en ?? titles[survey.id] ?? survey.slug}</span>
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
