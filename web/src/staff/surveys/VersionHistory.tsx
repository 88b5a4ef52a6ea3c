import { useId } from 'react';
import { formatDateTime } from '../shared/dates.ts';
import type { SurveyDetail } from './client.ts';

/** Every published version, newest first, and which one residents answer now. */
export function VersionHistory({ detail }: { detail: SurveyDetail }) {
  const id = useId();
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  return (
    <section className="sv-history" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Version history</h2>
      {versions.length === 0 ? (
        <p className="s-muted">Nothing has been published yet.</p>
      ) : (
        <table className="s-table s-stack" data-testid="version-history">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">By</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">Version {v.version}</th>
                <td data-label="Published">{formatDateTime(v.publishedAt)}</td>
                <td data-label="By">{v.publishedBy}</td>
                <td data-label="Now">{v.version === detail.survey.publishedVersion ? (detail.survey.status === 'closed' ? 'Closed' : 'Live') : 'Replaced'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.survey.draftVersion && <p className="s-muted">Version {detail.survey.draftVersion} is a draft: residents do not see it until it is published.</p>}
    </section>
  );
}
