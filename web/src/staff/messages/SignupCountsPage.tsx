import { TOPIC_LABELS, TOPICS } from '@wardpulse/domain';
import { useMemo } from 'react';
import { useResource } from '../../shared/useResource.ts';
import { formatCount } from '../results/format.ts';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';
import { useMessagesApi, type SignupCounts } from './client.ts';
import { SectionNav } from './SectionNav.tsx';

type CountCell = SignupCounts['wards'][number]['active'];

/**
 * Active sign-ups by ward and topic. These are internal figures: small counts are shown but
 * flagged, because a published figure would be withheld below the disclosure threshold.
 */
export function SignupCountsPage() {
  const messagesApi = useMessagesApi();
  const loaded = useResource(() => messagesApi.signupCounts(), [messagesApi]);
  const counts = loaded.data ?? null;
  const problem = loaded.status === 'error' ? errorText(loaded.error, 'Could not load the sign-up counts.') : null;
  useDocumentTitle('Sign-ups — Messages');

  const totals = useMemo(() => {
    if (!counts) return null;
    const topic = Object.fromEntries(TOPICS.map((t) => [t, counts.wards.reduce((sum, w) => sum + (w.topics[t]?.count ?? 0), 0)]));
    return { active: counts.wards.reduce((sum, w) => sum + w.active.count, 0), topic };
  }, [counts]);

  const cell = (value: CountCell | undefined) =>
    !value ? (
      <td className="s-numeric">—</td>
    ) : (
      <td className={`s-numeric${value.belowThreshold ? ' ms-small-count' : ''}`}>
        {formatCount(value.count)}
        {value.belowThreshold && <span className="s-visually-hidden"> (below the disclosure threshold)</span>}
      </td>
    );

  return (
    <>
      <h1>Sign-ups</h1>
      <SectionNav />
      <p className="s-muted">Residents who confirmed their sign-up, by the wards and topics they chose. A resident can choose several wards and topics, so rows and columns overlap and do not add up to the number of people.</p>
      {problem && (
        <div className="s-alert" role="alert">
          <p>{problem}</p>
          <button type="button" onClick={() => void loaded.reload()}>
            Try again
          </button>
        </div>
      )}
      {!counts && !problem && <p role="status">Loading the counts…</p>}
      {counts && totals && (
        <>
          <p>
            <span className="ms-small-count ms-key">Marked</span> counts are between 1 and {counts.threshold - 1}: below the disclosure threshold of {counts.threshold}. They are fine to use inside the force,
            but would be withheld in anything published.
          </p>
          {counts.wards.length === 0 ? (
            <p className="s-muted">No wards have been imported yet.</p>
          ) : (
            <div className="ms-table-wrap" tabIndex={0} role="region" aria-label="Active sign-ups by ward and topic">
              <table className="s-table ms-signup-table" data-testid="signup-counts">
                <caption>Active sign-ups by ward and topic</caption>
                <thead>
                  <tr>
                    <th scope="col">Ward</th>
                    <th scope="col">District</th>
                    <th scope="col" className="s-numeric">
                      Signed up
                    </th>
                    {TOPICS.map((topic) => (
                      <th scope="col" key={topic} className="s-numeric">
                        {TOPIC_LABELS[topic]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {counts.wards.map((ward) => (
                    <tr key={ward.wardCode}>
                      <th scope="row">{ward.wardName}</th>
                      <td>{ward.districtName}</td>
                      {cell(ward.active)}
                      {TOPICS.map((topic) => (
                        <td key={topic} className={`s-numeric${ward.topics[topic]?.belowThreshold ? ' ms-small-count' : ''}`}>
                          {formatCount(ward.topics[topic]?.count ?? 0)}
                          {ward.topics[topic]?.belowThreshold && <span className="s-visually-hidden"> (below the disclosure threshold)</span>}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      All wards (with overlaps)
                    </th>
                    <td className="s-numeric">{formatCount(totals.active)}</td>
                    {TOPICS.map((topic) => (
                      <td key={topic} className="s-numeric">
                        {formatCount(totals.topic[topic] ?? 0)}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
