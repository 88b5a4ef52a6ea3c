import type { ResultLevel } from '@wardpulse/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import { errorText } from '../shared/ui.tsx';
import { fetchOwnDownload, getExport, needsToken, startExport, type ExportDownload, type ExportJob, type ExportRequest, type ExportState } from './client.ts';
import { formatCount, formatDateTime, LEVEL_LABELS } from './format.ts';
import type { Group } from './query-state.ts';

const POLL_MS = 1000;

type Run =
  | { state: 'idle' }
  | { state: 'starting'; label: string }
  | { state: 'running'; label: string; job: ExportJob }
  | { state: 'fetching'; label: string; job: ExportJob }
  | { state: 'ready'; label: string; job: ExportJob; href: string; own: boolean; expiresAt: string }
  | { state: 'failed'; label: string; message: string; request: ExportRequest };

const JOB_STATUS: Record<ExportJob['status'], string> = { queued: 'Waiting to start', running: 'Writing the file', succeeded: 'Done', failed: 'Failed' };

/** The message a person can act on when starting an export fails. */
function startProblem(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return 'Your role cannot export this survey. Ask an administrator for the analyst role.';
  if (error instanceof ApiError && error.status === 429) return `Too many exports at once. ${error.message} Wait a minute, then try again.`;
  return errorText(error, 'The export could not be started.');
}

/**
 * Exports of the figures on screen (CSV, XLSX, GeoJSON at the current level and group) and of
 * the responses themselves (free text redacted by default), with the job's progress and then a
 * link to the file. The API's own file needs the access token, so it is fetched and saved from
 * memory; a link elsewhere (S3, pre-signed) is followed without it.
 */
export function ExportPanel({ surveyId, level, group, groupLabel }: { surveyId: string; level: ResultLevel; group: Group | null; groupLabel: string | null }) {
  const id = useId();
  const api = useStaffApi();
  const [redact, setRedact] = useState(true);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const cancelled = useRef(false);
  const objectUrl = useRef<string | null>(null);
  const statusRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    cancelled.current = false;
    return () => {
      cancelled.current = true;
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    };
  }, []);

  const begin = async (request: ExportRequest, label: string) => {
    if (run.state === 'starting' || run.state === 'running' || run.state === 'fetching') return;
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = null;
    setRun({ state: 'starting', label });
    requestAnimationFrame(() => statusRef.current?.focus());
    let job: ExportJob;
    try {
      job = await startExport(api, surveyId, request);
    } catch (error) {
      if (!cancelled.current) setRun({ state: 'failed', label, message: startProblem(error), request });
      return;
    }
    try {
      let state: ExportState = { job };
      while (state.job.status === 'queued' || state.job.status === 'running') {
        setRun({ state: 'running', label, job: state.job });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (cancelled.current) return;
        state = await getExport(api, state.job.id);
      }
      if (state.job.status === 'failed') {
        if (!cancelled.current) setRun({ state: 'failed', label, message: state.job.error?.message ?? 'The export failed. Try again; if it fails again, tell your administrator.', request });
        return;
      }
      // A job can finish before the first poll: its link comes with the job's own record.
      if (!state.download) state = await getExport(api, state.job.id);
      if (!state.download) throw new ApiError(500, 'export.no_file', 'The export finished but no file came with it. Try again.');
      await offer(state.job, state.download, label);
    } catch (error) {
      if (!cancelled.current) setRun({ state: 'failed', label, message: errorText(error, 'The export could not be finished.'), request });
    }
  };

  const offer = async (job: ExportJob, download: ExportDownload, label: string) => {
    const own = needsToken(download, window.location.origin);
    if (!own) {
      // A pre-signed link carries its own permission: the access token never goes to S3.
      setRun({ state: 'ready', label, job, href: download.url, own, expiresAt: download.expiresAt });
      return;
    }
    setRun({ state: 'fetching', label, job });
    const blob = await fetchOwnDownload(api, download.url);
    if (cancelled.current) return;
    objectUrl.current = URL.createObjectURL(blob);
    setRun({ state: 'ready', label, job, href: objectUrl.current, own, expiresAt: download.expiresAt });
  };

  const results = (format: 'csv' | 'xlsx' | 'geojson', label: string) =>
    void begin({ kind: 'results', format, level, ...(group ? { group } : {}) }, label);
  const responses = (format: 'csv' | 'xlsx', label: string) => void begin({ kind: 'responses', format, redactText: redact }, label);
  const busy = run.state === 'starting' || run.state === 'running' || run.state === 'fetching';
  const scope = `${LEVEL_LABELS[level].plural.toLowerCase()}${groupLabel ? `, ${groupLabel} only` : ''}`;

  return (
    <div className="res-export">
      <div className="res-export-groups">
        <div role="group" aria-labelledby={`${id}-results`} className="res-export-group">
          <h3 id={`${id}-results`}>Results ({scope})</h3>
          <p className="s-muted">The figures on this page with disclosure control applied: safe to publish.</p>
          <div className="res-buttons">
            <button type="button" aria-disabled={busy} onClick={() => results('csv', 'Results CSV')}>
              Results CSV
            </button>
            <button type="button" aria-disabled={busy} onClick={() => results('xlsx', 'Results XLSX')}>
              Results XLSX
            </button>
            <button type="button" aria-disabled={busy} onClick={() => results('geojson', 'Results GeoJSON')}>
              Results GeoJSON
            </button>
          </div>
        </div>
        <div role="group" aria-labelledby={`${id}-responses`} className="res-export-group">
          <h3 id={`${id}-responses`}>Responses (one row each)</h3>
          <p className="s-muted">Every answer, by ward: for analysis, not for publishing.</p>
          <label className="res-check">
            <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
            <span>Redact names, e-mails and phone numbers in free text</span>
          </label>
          <div className="res-buttons">
            <button type="button" aria-disabled={busy} onClick={() => responses('csv', 'Responses CSV')}>
              Responses CSV
            </button>
            <button type="button" aria-disabled={busy} onClick={() => responses('xlsx', 'Responses XLSX')}>
              Responses XLSX
            </button>
          </div>
        </div>
      </div>

      {run.state !== 'idle' && (
        <div className="res-export-run" data-testid="export-run">
          <h3 ref={statusRef} tabIndex={-1}>
            {run.label}
          </h3>
          <div role="status">
            {run.state === 'starting' && <p>Starting the export…</p>}
            {(run.state === 'running' || run.state === 'fetching') && (
              <p data-testid="export-progress">
                {run.state === 'fetching' ? 'Preparing the download' : JOB_STATUS[run.job.status]}: {formatCount(run.job.progress.rows)}
                {run.job.progress.totalRows !== undefined ? ` of ${formatCount(run.job.progress.totalRows)}` : ''} rows written.
              </p>
            )}
            {run.state === 'ready' && (
              <p>
                Done: {formatCount(run.job.progress.rows)} rows. <a href={run.href} download={run.job.fileName} {...(run.own ? {} : { rel: 'noreferrer' })} data-testid="export-download">
                  Download {run.job.fileName}
                </a>{' '}
                <span className="s-muted">(the link works until {formatDateTime(run.expiresAt)})</span>
              </p>
            )}
          </div>
          {(run.state === 'running' || run.state === 'fetching') && run.job.progress.totalRows ? (
            <progress className="res-progress" max={run.job.progress.totalRows} value={run.job.progress.rows} aria-label={`${run.label} progress`} />
          ) : null}
          {run.state === 'failed' && (
            <div className="s-alert" role="alert" data-testid="export-error">
              <p>{run.message}</p>
              <button type="button" onClick={() => void begin(run.request, run.label)}>
                Try again
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
