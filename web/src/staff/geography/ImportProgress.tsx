/** An import as it runs: the upload, the preview of what an areas import replaces, processing progress, the outcome, and the recent imports. */
import { useId, type RefObject } from 'react';
import { ScrollRegion } from '../shared/ScrollRegion.tsx';
import { formatBytes, formatCount, formatDateTime, percent } from './format.ts';
import { reportFigures, reportHeadline } from './report.ts';
import type { Job, Preview, Run } from './import-model.ts';
import { AREA_KINDS, KINDS, PHASES, STATUSES } from './import-model.ts';

export function RunView({
  run,
  headingRef,
  headingId,
  onConfirm,
  onCancel,
}: {
  run: Exclude<Run, { step: 'idle' }>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  headingId: string;
  onConfirm: (job: Job) => void;
  onCancel: () => void;
}) {
  const heading =
    run.step === 'succeeded'
      ? `Imported ${run.fileName}`
      : run.step === 'failed'
        ? `${run.fileName} was not imported`
        : run.step === 'preview'
          ? `Check before importing ${run.fileName}`
          : run.step === 'processing' && run.resumed
            ? `An import is running: ${run.fileName}`
            : `Importing ${run.fileName}`;
  return (
    <section className="g-run" aria-labelledby={headingId} data-testid="import-run">
      <h3 id={headingId} tabIndex={-1} ref={headingRef}>
        {heading}
      </h3>
      {(run.step === 'creating' || run.step === 'uploading') && <UploadProgress run={run} />}
      {run.step === 'preview' && <AreaPreviewView preview={run.preview} onConfirm={() => onConfirm(run.job)} onCancel={onCancel} />}
      {run.step === 'starting' && <p role="status">Starting the import…</p>}
      {run.step === 'processing' && <ProcessingProgress job={run.job} problem={run.pollProblem} />}
      {(run.step === 'succeeded' || (run.step === 'failed' && run.job)) && <ProcessingProgress job={run.job!} />}
      {run.step === 'succeeded' && <Outcome job={run.job} />}
      {run.step === 'failed' && (
        <div className="s-alert g-failure" role="alert" data-testid="import-error">
          <p className="g-failure-message">{run.message}</p>
          <p>
            Nothing already imported was changed. Correct the file and import it again.
            {run.code && <span className="s-muted"> (Error code {run.code}.)</span>}
          </p>
        </div>
      )}
    </section>
  );
}

export const OUTCOME_WORDS: Record<Preview['existing'][number]['outcome'], string> = { removed: 'Removed', new: 'New', changed: 'Wards change', unchanged: 'Unchanged' };

/** What an areas import will replace, listed before it does, with the buttons to go ahead or stop. */
export function AreaPreviewView({ preview, onConfirm, onCancel }: { preview: Preview; onConfirm: () => void; onCancel: () => void }) {
  const id = useId();
  const words = AREA_KINDS[preview.kind];
  const count = (n: number) => `${formatCount(n)} ${n === 1 ? words.one : words.many}`;
  const removed = preview.existing.filter((area) => area.outcome === 'removed').length;
  const Many = words.many.charAt(0).toUpperCase() + words.many.slice(1);
  const table = (caption: string, areas: Preview['existing'], testId: string) => (
    <ScrollRegion label={caption}>
      <table className="s-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col" className="s-numeric">
              Wards
            </th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr key={area.id}>
              <th scope="row">{area.name}</th>
              <td className="s-numeric">{formatCount(area.wardCodes.length)}</td>
              <td>{OUTCOME_WORDS[area.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
  return (
    <div data-testid="import-preview">
      <p id={`${id}-summary`}>
        {preview.existing.length === 0
          ? `There are no ${words.many} yet, so nothing will be replaced. The file adds ${count(preview.incoming.length)}.`
          : `Importing replaces all ${count(preview.existing.length)} there are now with the ${count(preview.incoming.length)} in the file${removed > 0 ? `; ${count(removed)} will no longer exist` : ''}. Other kinds of area are not changed.`}
      </p>
      {preview.existing.length > 0 && table(`${Many} there are now (all replaced)`, preview.existing, 'preview-existing')}
      {table(`${Many} in the file`, preview.incoming, 'preview-incoming')}
      <div className="g-preview-actions">
        <button type="button" onClick={onConfirm} aria-describedby={`${id}-summary`}>
          {preview.existing.length === 0 ? `Import ${count(preview.incoming.length)}` : `Replace the ${words.many}`}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          Cancel: change nothing
        </button>
      </div>
    </div>
  );
}

export function UploadProgress({ run }: { run: Extract<Run, { step: 'creating' | 'uploading' }> }) {
  const id = useId();
  const loaded = run.step === 'uploading' ? run.loaded : 0;
  const total = run.step === 'uploading' ? run.total : undefined;
  const share = percent(loaded, total) ?? 0;
  return (
    <div className="g-progress">
      <p className="g-phase">Step 1 of 2: uploading the file</p>
      <p className="s-hint" data-testid="upload-file">
        {run.fileName}
      </p>
      <label htmlFor={id}>Uploaded</label>
      <progress id={id} max={100} value={share} aria-describedby={`${id}-text`} />
      <span id={`${id}-text`} className="g-progress-text">
        {share} % — {formatBytes(loaded)}
        {total !== undefined ? ` of ${formatBytes(total)}` : ''}
      </span>
    </div>
  );
}

/** Rows a second: the importer's latest figure while running, the average once finished. */
export function speed(job: Job): number | undefined {
  if (job.progress.rowsPerSecond !== undefined) return job.progress.rowsPerSecond;
  const seconds = job.report?.seconds;
  return typeof seconds === 'number' && seconds > 0 && job.progress.rowsRead > 0 ? job.progress.rowsRead / seconds : undefined;
}

export function ProcessingProgress({ job, problem }: { job: Job; problem?: string | undefined }) {
  const id = useId();
  const { phase, rowsRead, rowsKept, bytesRead, totalBytes } = job.progress;
  const rowsPerSecond = speed(job);
  const share = percent(bytesRead, totalBytes);
  // A boundary file is read whole and has features, not rows: its figures come in the report.
  const showRows = job.kind !== 'boundaries' || rowsRead > 0;
  return (
    <div className="g-progress" data-testid="import-progress">
      <p className="g-phase">
        Step 2 of 2: <strong data-testid="import-phase">{PHASES[phase]}</strong>
      </p>
      <label htmlFor={id}>File processed</label>
      {share === undefined ? (
        <progress id={id} aria-describedby={`${id}-text`} />
      ) : (
        <progress id={id} max={100} value={share} aria-describedby={`${id}-text`} />
      )}
      <span id={`${id}-text`} className="g-progress-text">
        {share === undefined ? 'Starting…' : `${share} % of ${formatBytes(totalBytes ?? 0)} read`}
      </span>
      {showRows && (
        <dl className="g-figures g-figures-inline">
          <div>
            <dt>Rows read</dt>
            <dd>{formatCount(rowsRead)}</dd>
          </div>
          <div>
            <dt>Rows kept</dt>
            <dd>{formatCount(rowsKept)}</dd>
          </div>
          <div>
            <dt>Speed</dt>
            <dd>{rowsPerSecond === undefined ? '—' : `${formatCount(rowsPerSecond)} rows/s`}</dd>
          </div>
        </dl>
      )}
      {problem && <p className="s-muted">{problem}</p>}
    </div>
  );
}

export function Outcome({ job }: { job: Job }) {
  const figures = reportFigures(job.kind, job.report);
  const headline = reportHeadline(job.kind, job.report);
  return (
    <div className="s-success" data-testid="import-outcome">
      <p>
        <strong>Done.</strong> {headline ? `${headline}.` : 'The file was imported.'} The page above shows the new geography.
      </p>
      {figures.length > 0 && (
        <dl className="g-figures">
          {figures.map((figure) => (
            <div key={figure.label}>
              <dt>{figure.label}</dt>
              <dd>
                {figure.value}
                {figure.items && figure.items.length > 0 && (
                  <ul className="g-figure-items">
                    {figure.items.slice(0, 20).map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                    {figure.items.length > 20 && <li>and {formatCount(figure.items.length - 20)} more</li>}
                  </ul>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export function RecentImports({ jobs, problem }: { jobs: Job[] | null; problem: string | null }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>Recent imports</h3>
      {problem && <p className="s-alert">{problem}</p>}
      {jobs === null && !problem && <p className="s-muted">Loading…</p>}
      {jobs?.length === 0 && <p className="s-muted">Nothing has been imported yet.</p>}
      {jobs && jobs.length > 0 && (
        <ScrollRegion label="Recent imports">
          <table className="s-table" data-testid="recent-imports">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">By</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td>{formatDateTime(job.createdAt)}</td>
                  <td className="g-break">{job.fileName}</td>
                  <td>{KINDS[job.kind].label}</td>
                  <td>{job.createdBy}</td>
                  <td>
                    <strong className={`g-status g-status-${job.status}`}>{STATUSES[job.status]}</strong>
                    {job.status === 'succeeded' && reportHeadline(job.kind, job.report) ? `: ${reportHeadline(job.kind, job.report)}` : ''}
                    {job.status === 'failed' && job.error ? `: ${job.error.message}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
