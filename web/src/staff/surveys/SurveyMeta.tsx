import type { Targeting } from '@wardpulse/domain';
import { Link } from '../../shared/navigation.tsx';
import { resultsPath } from '../results/query-state.ts';
import { statusText, type SurveyDetail } from './client.ts';
import { CopyLink } from './CopyLink.tsx';
import type { Dates } from './DetailsEditor.tsx';
import { dayInputsText, targetText, type AreaNames } from './labels.ts';

/** The designer's heading: the survey's title, status, series and wave, dates, audience and links. */
export function SurveyMeta({ survey, title, dates, targeting, names }: { survey: SurveyDetail['survey']; title: string; dates: Dates; targeting: Targeting; names: AreaNames | null }) {
  return (
  <div className="sv-editor-head">
    <h1>{title || 'Untitled survey'}</h1>
    <dl className="sv-meta">
      <div>
        <dt>Status</dt>
        <dd data-testid="survey-status">{statusText(survey)}</dd>
      </div>
      <div>
        <dt>Series</dt>
        <dd>{survey.seriesId}</dd>
      </div>
      <div>
        <dt>Wave</dt>
        <dd data-testid="survey-wave">{survey.wave}</dd>
      </div>
      <div>
        <dt>Dates</dt>
        <dd data-testid="survey-dates">{dayInputsText(dates)}</dd>
      </div>
      <div>
        <dt>Who it is for</dt>
        <dd data-testid="survey-target">{targetText(targeting, names)}</dd>
      </div>
      <div>
        <dt>Link for residents</dt>
        <dd>{survey.publishedVersion > 0 ? <CopyLink slug={survey.slug} /> : `/s/${survey.slug} (works once published)`}</dd>
      </div>
      {survey.publishedVersion > 0 && (
        <div>
          <dt>Results</dt>
          <dd>
            <Link to={resultsPath(survey.id)}>See the results</Link>
          </dd>
        </div>
      )}
    </dl>
  </div>
  );
}
