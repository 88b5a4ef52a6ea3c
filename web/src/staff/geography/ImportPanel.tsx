import { VintageSchema, type ImportKind, type ImportOptions } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { api} from '../../shared/api.ts';
import { ApiError, unwrap } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import { ScrollRegion } from '../shared/ScrollRegion.tsx';
import { formatBytes, formatCount, formatDateTime, percent, vintageFromFileName, vintageLabel } from './format.ts';
import { reportFigures, reportHeadline } from './report.ts';
import { uploadFile, type UploadTarget } from './upload.ts';

/**
 * Administrators import the force's geography: pick a file, watch it upload and be processed,
 * then see what it brought in. The file goes straight to storage (S3 in AWS), not through the
 * API; the API then processes it in the background while the console polls the job.
 */

type Job = InferResponseType<(typeof api.api.staff.admin.imports)[':id']['$get'], 200>;
type Preview = InferResponseType<(typeof api.api.staff.admin.imports)[':id']['preview']['$post'], 200>;
type AreaKind = Preview['kind'];
type Field = 'kind' | 'file' | 'vintage' | 'lookupVintage' | 'areaKind';
type FieldErrors = Partial<Record<Field, string>>;

type Run =
  | { step: 'idle' }
  | { step: 'creating'; fileName: string }
  | { step: 'uploading'; fileName: string; job: Job; loaded: number; total: number }
  | { step: 'preview'; fileName: string; job: Job; preview: Preview }
  | { step: 'starting'; fileName: string; job: Job }
  | { step: 'processing'; fileName: string; job: Job; resumed: boolean; pollProblem?: string }
  | { step: 'succeeded'; fileName: string; job: Job }
  | { step: 'failed'; fileName: string; message: string; code?: string; job?: Job };

const MAX_BYTES = 2 * 1024 ** 3;
const POLL_MS = 1_000;

const KINDS: Record<ImportKind, { label: string; description: string; hint: string; accept: string }> = {
  boundaries: {
    label: 'Ward boundaries',
    description: 'ONS ward boundaries, GeoJSON',
    hint: 'A GeoJSON file of ward polygons in WGS84 longitude/latitude, with ONS properties such as WD25CD, WD25NM, LAD25CD and LAD25NM (ONS Open Geography Portal, "Wards … Boundaries UK BGC"). It becomes the live boundary vintage.',
    accept: '.geojson,.json,application/geo+json,application/json',
  },
  postcodes: {
    label: 'Postcode lookup',
    description: 'ONS NSPL or ONSPD, CSV or .csv.gz',
    hint: 'The ONS postcode lookup (NSPL or ONSPD) as CSV, or gzipped as .csv.gz, up to 2 GB. The whole-UK file is fine: postcodes outside the force are skipped. Import the ward boundaries first.',
    accept: '.csv,.gz,.csv.gz,text/csv,application/gzip',
  },
  areas: {
    label: 'Impact Areas or NPTs',
    description: 'named sets of wards, CSV',
    hint: 'A CSV file with the header area_name,ward_code and one row for each ward of each area. It replaces all the areas of the kind you choose; you will see which before anything changes.',
    accept: '.csv,text/csv',
  },
};

const PHASES: Record<Job['progress']['phase'], string> = {
  queued: 'Waiting to start',
  reading: 'Reading the file',
  writing: 'Saving',
  done: 'Done',
  failed: 'Failed',
};

const STATUSES: Record<Job['status'], string> = {
  'awaiting-upload': 'Not uploaded',
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Imported',
  failed: 'Failed',
};

const AREA_KINDS: Record<AreaKind, { label: string; one: string; many: string }> = {
  'impact-area': { label: 'Impact Areas', one: 'Impact Area', many: 'Impact Areas' },
  npt: { label: 'Neighbourhood Policing Teams (NPTs)', one: 'neighbourhood team area', many: 'neighbourhood team areas' },
};

const message = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback);

/** What screen readers hear: a few milestones, not every poll. */
function milestone(run: Run): string {
  const quarter = (value: number | undefined) => (value === undefined ? '' : `, ${Math.floor(value / 25) * 25} %`);
  switch (run.step) {
    case 'idle':
    case 'failed': // announced by its role="alert"
      return '';
    case 'creating':
      return `Preparing to upload ${run.fileName}.`;
    case 'uploading':
      return `Uploading${quarter(percent(run.loaded, run.total))}.`;
    case 'preview':
      return 'Uploaded. Check what will be replaced, then confirm or cancel.';
    case 'starting':
      return 'Starting the import.';
    case 'processing': {
      const { phase, bytesRead, totalBytes } = run.job.progress;
      return `${PHASES[phase]}${phase === 'reading' || phase === 'writing' ? quarter(percent(bytesRead, totalBytes)) : ''}.`;
    }
    case 'succeeded': {
      const headline = reportHeadline(run.job.kind, run.job.report);
      return `Import finished${headline ? `: ${headline}` : ''}. The page has been updated.`;
    }
  }
}

export function ImportPanel({ currentVintage, onImported }: { currentVintage: string | null; onImported: () => Promise<void> }) {
  const { staff, authorization } = useStaffApi();
  const id = useId();
  const fieldId = (field: Field) => `${id}-${field}`;
  const [kind, setKind] = useState<ImportKind>(currentVintage ? 'postcodes' : 'boundaries');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [vintage, setVintage] = useState('');
  const [lookupVintage, setLookupVintage] = useState('');
  // No default: the administrator says which kind of area the file holds.
  const [areaKind, setAreaKind] = useState<AreaKind | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [run, setRun] = useState<Run>({ step: 'idle' });
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [jobsProblem, setJobsProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusRequest, setFocusRequest] = useState<'summary' | 'progress' | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const progressRef = useRef<HTMLHeadingElement>(null);
  const resumeChecked = useRef(false);

  const refreshJobs = useCallback(async () => {
    try {
      const { jobs: recent } = await unwrap(staff.admin.imports.$get({}));
      setJobs(recent);
      setJobsProblem(null);
      return recent;
    } catch (error) {
      setJobsProblem(message(error, 'Could not load recent imports.'));
      return null;
    }
  }, [staff]);

  // On arrival, keep following an import that is still running (e.g. after a page reload).
  useEffect(() => {
    void refreshJobs().then((recent) => {
      if (resumeChecked.current || !recent) return;
      resumeChecked.current = true;
      const running = recent.find((job) => job.status === 'queued' || job.status === 'running');
      if (running) setRun((current) => (current.step === 'idle' ? { step: 'processing', fileName: running.fileName, job: running, resumed: true } : current));
    });
  }, [refreshJobs]);

  useEffect(() => {
    if (focusRequest === 'summary') summaryRef.current?.focus();
    if (focusRequest === 'progress') progressRef.current?.focus();
    if (focusRequest) setFocusRequest(null);
  }, [focusRequest]);

  useEffect(() => {
    const next = milestone(run);
    setAnnouncement((previous) => (next === previous ? previous : next));
  }, [run]);

  // Poll a queued or running job once a second until it finishes.
  useEffect(() => {
    if (run.step !== 'processing') return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void (async () => {
        try {
          const job = await unwrap(staff.admin.imports[':id'].$get({ param: { id: run.job.id } }));
          if (cancelled) return;
          if (job.status === 'succeeded') {
            setRun({ step: 'succeeded', fileName: run.fileName, job });
            await Promise.all([onImported(), refreshJobs()]);
          } else if (job.status === 'failed') {
            setRun({ step: 'failed', fileName: run.fileName, job, message: job.error?.message ?? job.progress.message ?? 'The import failed.', ...(job.error ? { code: job.error.code } : {}) });
            await refreshJobs();
          } else {
            setRun({ step: 'processing', fileName: run.fileName, job, resumed: run.resumed });
          }
        } catch (error) {
          // A dropped connection does not stop the import: keep asking.
          if (!cancelled) setRun({ ...run, pollProblem: `${message(error, 'Could not check progress.')} Still trying…` });
        }
      })();
    }, POLL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [run, staff, onImported, refreshJobs]);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    if (chosen && kind === 'postcodes' && !lookupVintage) setLookupVintage(vintageFromFileName(chosen.name) ?? '');
  };

  const validate = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (!file) problems.file = `Choose the ${KINDS[kind].label.toLowerCase()} file to import.`;
    else if (file.size === 0) problems.file = `${file.name} is empty.`;
    else if (file.size > MAX_BYTES) problems.file = `${file.name} is ${formatBytes(file.size)}: files up to 2 GB can be imported.`;
    if (kind !== 'boundaries' && !currentVintage) problems.kind = 'Import the ward boundaries first: postcodes and areas are matched to them.';
    if (kind === 'boundaries' && vintage && !VintageSchema.safeParse(vintage).success) problems.vintage = 'Enter the boundary vintage as YYYY-MM, e.g. 2025-05, or leave it blank.';
    if (kind === 'postcodes' && lookupVintage && !VintageSchema.safeParse(lookupVintage).success) problems.lookupVintage = 'Enter the lookup vintage as YYYY-MM, e.g. 2024-08, or leave it blank.';
    if (kind === 'areas' && !areaKind) problems.areaKind = 'Choose the kind of area the file holds: Impact Areas or Neighbourhood Policing Teams.';
    return problems;
  };

  const options = (): ImportOptions => {
    if (kind === 'boundaries') return vintage ? { vintage } : {};
    if (kind === 'postcodes') return lookupVintage ? { lookupVintage } : {};
    return areaKind ? { areaKind } : {};
  };

  const busy = run.step === 'creating' || run.step === 'uploading' || run.step === 'processing' || run.step === 'preview' || run.step === 'starting';

  const start = async (fileName: string, job: Job) => {
    try {
      setRun({ step: 'starting', fileName, job });
      const started = await unwrap(staff.admin.imports[':id'].start.$post({ param: { id: job.id } }));
      setRun({ step: 'processing', fileName, job: started, resumed: false });
      setFile(null);
      setFileInputKey((key) => key + 1);
    } catch (error) {
      setRun({ step: 'failed', fileName, message: message(error, 'The import could not be started.') });
      void refreshJobs();
    }
  };

  const cancelPreview = () => {
    setRun({ step: 'idle' });
    setAnnouncement('Import cancelled: nothing was changed.');
    void refreshJobs();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = validate();
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !file) {
      setFocusRequest('summary');
      return;
    }
    const fileName = file.name;
    setRun({ step: 'creating', fileName });
    setFocusRequest('progress');
    let job: Job;
    let upload: UploadTarget;
    try {
      ({ job, upload } = await unwrap(staff.admin.imports.$post({ json: { kind, fileName, fileBytes: file.size, options: options() } })));
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? issuesToFields(error.issues) : {};
      if (Object.keys(fieldErrors).length > 0) {
        setRun({ step: 'idle' });
        setErrors(fieldErrors);
        setFocusRequest('summary');
      } else {
        setRun({ step: 'failed', fileName, message: message(error, 'The import could not be started.') });
      }
      return;
    }
    try {
      setRun({ step: 'uploading', fileName, job, loaded: 0, total: file.size });
      await uploadFile(upload, file, authorization, (loaded, total) => setRun({ step: 'uploading', fileName, job, loaded, total }));
    } catch (error) {
      setRun({ step: 'failed', fileName, message: message(error, 'The upload failed.') });
      void refreshJobs();
      return;
    }
    if (kind !== 'areas') return start(fileName, job);
    // Areas replace what is there: show which, and go ahead only when the administrator confirms.
    try {
      const preview = await unwrap(staff.admin.imports[':id'].preview.$post({ param: { id: job.id } }));
      setRun({ step: 'preview', fileName, job, preview });
      setFocusRequest('progress');
    } catch (error) {
      setRun({ step: 'failed', fileName, message: message(error, 'The file could not be checked.'), ...(error instanceof ApiError ? { code: error.code } : {}) });
      void refreshJobs();
    }
  };

  const errorList = (Object.entries(errors) as [Field, string][]).filter(([, text]) => text);
  const describedBy = (field: Field, hint = true) => [hint ? `${fieldId(field)}-hint` : '', errors[field] ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: Field) =>
    errors[field] ? (
      <span className="s-error" id={`${fieldId(field)}-error`}>
        <span className="s-visually-hidden">Error: </span>
        {errors[field]}
      </span>
    ) : null;

  return (
    <section aria-labelledby={`${id}-title`} id="import" className="g-import">
      <h2 id={`${id}-title`}>Import geography</h2>
      <p>Import in this order; each step is matched to the one before it.</p>
      <ol className="g-steps">
        <li>
          <strong>Ward boundaries</strong> (GeoJSON) — the wards, districts and map.
        </li>
        <li>
          <strong>Postcode lookup</strong> (NSPL or ONSPD CSV) — so residents can give a postcode instead of choosing a ward.
        </li>
        <li>
          <strong>Impact Areas and Neighbourhood Policing Teams</strong> (CSV of area_name,ward_code).
        </li>
      </ol>

      {errorList.length > 0 && (
        <div className="s-error-summary" role="alert" aria-labelledby={`${id}-summary-title`} tabIndex={-1} ref={summaryRef}>
          <h3 id={`${id}-summary-title`}>There is a problem</h3>
          <ul>
            {errorList.map(([field, text]) => (
              <li key={field}>
                <a href={`#${fieldId(field)}`}>{text}</a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className={`s-fieldset${errors.kind ? ' s-field-error' : ''}`} aria-describedby={describedBy('kind', false)} disabled={busy}>
          <legend>What are you importing?</legend>
          {fieldError('kind')}
          <div className="g-radios" id={fieldId('kind')}>
            {(Object.keys(KINDS) as ImportKind[]).map((value) => (
              <div className="g-radio" key={value}>
                <input
                  type="radio"
                  name={`${id}-kind`}
                  id={`${fieldId('kind')}-${value}`}
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setErrors({});
                  }}
                />
                <label htmlFor={`${fieldId('kind')}-${value}`}>
                  {KINDS[value].label} <span className="s-muted">({KINDS[value].description})</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>

        <div className={`s-field${errors.file ? ' s-field-error' : ''}`}>
          <label htmlFor={fieldId('file')}>File to import</label>
          <span className="s-hint" id={`${fieldId('file')}-hint`}>
            {KINDS[kind].hint}
          </span>
          {fieldError('file')}
          <input
            key={fileInputKey}
            id={fieldId('file')}
            name="file"
            type="file"
            accept={KINDS[kind].accept}
            aria-describedby={describedBy('file')}
            aria-invalid={errors.file ? true : undefined}
            disabled={busy}
            onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
          />
          {file && (
            <span className="s-hint">
              {file.name}, {formatBytes(file.size)}
            </span>
          )}
        </div>

        {kind === 'boundaries' && (
          <div className={`s-field${errors.vintage ? ' s-field-error' : ''}`}>
            <label htmlFor={fieldId('vintage')}>Boundary vintage (optional)</label>
            <span className="s-hint" id={`${fieldId('vintage')}-hint`}>
              YYYY-MM, e.g. 2025-05 for the May 2025 wards. Leave blank to take it from the WDyyCD property (May of that year).
            </span>
            {fieldError('vintage')}
            <input
              id={fieldId('vintage')}
              name="vintage"
              className="s-input-short"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={vintage}
              disabled={busy}
              aria-describedby={describedBy('vintage')}
              aria-invalid={errors.vintage ? true : undefined}
              onChange={(event) => setVintage(event.target.value.trim())}
            />
          </div>
        )}

        {kind === 'postcodes' && (
          <div className={`s-field${errors.lookupVintage ? ' s-field-error' : ''}`}>
            <label htmlFor={fieldId('lookupVintage')}>Lookup vintage (optional)</label>
            <span className="s-hint" id={`${fieldId('lookupVintage')}-hint`}>
              The month ONS published the lookup, YYYY-MM, e.g. 2024-08 for NSPL August 2024. Filled in from the file name when it says.
              {currentVintage ? ` Postcodes are matched to the live ward boundaries (${vintageLabel(currentVintage)}).` : ''}
            </span>
            {fieldError('lookupVintage')}
            <input
              id={fieldId('lookupVintage')}
              name="lookupVintage"
              className="s-input-short"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={lookupVintage}
              disabled={busy}
              aria-describedby={describedBy('lookupVintage')}
              aria-invalid={errors.lookupVintage ? true : undefined}
              onChange={(event) => setLookupVintage(event.target.value.trim())}
            />
          </div>
        )}

        {kind === 'areas' && (
          <fieldset className={`s-fieldset${errors.areaKind ? ' s-field-error' : ''}`} aria-describedby={describedBy('areaKind')} disabled={busy}>
            <legend>Which kind of area does the file hold?</legend>
            <span className="s-hint" id={`${fieldId('areaKind')}-hint`}>
              Importing replaces every area of this kind{currentVintage ? ` in the live boundaries (${vintageLabel(currentVintage)})` : ''}. You will see which areas before anything changes.
            </span>
            {fieldError('areaKind')}
            <div className="g-radios" id={fieldId('areaKind')}>
              {(Object.keys(AREA_KINDS) as AreaKind[]).map((value) => (
                <div className="g-radio" key={value}>
                  <input
                    type="radio"
                    name={`${id}-area-kind`}
                    id={`${fieldId('areaKind')}-${value}`}
                    value={value}
                    checked={areaKind === value}
                    aria-invalid={errors.areaKind ? true : undefined}
                    onChange={() => {
                      setAreaKind(value);
                      setErrors((was) => ({ ...was, areaKind: undefined }));
                    }}
                  />
                  <label htmlFor={`${fieldId('areaKind')}-${value}`}>{AREA_KINDS[value].label}</label>
                </div>
              ))}
            </div>
          </fieldset>
        )}

        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : kind === 'areas' ? 'Upload and check' : 'Upload and import'}
        </button>
      </form>

      <div className="s-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      {run.step !== 'idle' && <RunView run={run} headingRef={progressRef} headingId={`${id}-run`} onConfirm={(job) => void start(run.fileName, job)} onCancel={cancelPreview} />}

      <RecentImports jobs={jobs} problem={jobsProblem} />
    </section>
  );
}

function issuesToFields(issues: readonly { path: readonly (string | number)[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const names = issue.path.map(String);
    const field: Field | undefined = names.includes('fileBytes') || names.includes('fileName') ? 'file' : names.includes('lookupVintage') ? 'lookupVintage' : names.includes('vintage') ? 'vintage' : names.includes('areaKind') ? 'areaKind' : names.includes('kind') ? 'kind' : undefined;
    if (field && !fields[field]) fields[field] = issue.message;
  }
  return fields;
}

function RunView({
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

const OUTCOME_WORDS: Record<Preview['existing'][number]['outcome'], string> = { removed: 'Removed', new: 'New', changed: 'Wards change', unchanged: 'Unchanged' };

/** What an areas import will replace, listed before it does, with the buttons to go ahead or stop. */
function AreaPreviewView({ preview, onConfirm, onCancel }: { preview: Preview; onConfirm: () => void; onCancel: () => void }) {
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

function UploadProgress({ run }: { run: Extract<Run, { step: 'creating' | 'uploading' }> }) {
  const id = useId();
  const loaded = run.step === 'uploading' ? run.loaded : 0;
  const total = run.step === 'uploading' ? run.total : undefined;
  const share = percent(loaded, total) ?? 0;
  return (
    <div className="g-progress">
      <p className="g-phase">Step 1 of 2: uploading the file</p>
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
function speed(job: Job): number | undefined {
  if (job.progress.rowsPerSecond !== undefined) return job.progress.rowsPerSecond;
  const seconds = job.report?.seconds;
  return typeof seconds === 'number' && seconds > 0 && job.progress.rowsRead > 0 ? job.progress.rowsRead / seconds : undefined;
}

function ProcessingProgress({ job, problem }: { job: Job; problem?: string | undefined }) {
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

function Outcome({ job }: { job: Job }) {
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

function RecentImports({ jobs, problem }: { jobs: Job[] | null; problem: string | null }) {
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
