import { VintageSchema, type ImportKind, type ImportOptions } from '@wardpulse/domain';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, unwrap } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import { formatBytes, vintageFromFileName, vintageLabel } from './format.ts';
import { uploadFile, type UploadTarget } from './upload.ts';
import type { AreaKind, Field, FieldErrors, Job, Run } from './import-model.ts';
import { AREA_KINDS, KINDS, MAX_BYTES, POLL_MS, issuesToFields, message, milestone, parseDistricts } from './import-model.ts';

import { BoundaryFields } from './BoundaryFields.tsx';
import { RecentImports, RunView } from './ImportProgress.tsx';
import { FileField, TextField } from './TextField.tsx';

/**
 * Administrators import the force's geography: pick a file, watch it upload and be processed,
 * then see what it brought in. The file goes straight to storage (S3 in AWS), not through the
 * API; the API then processes it in the background while the console polls the job.
 */
/** The UK-wide ONS ward to district lookup is about 500 KB. */
const LOOKUP_MAX_BYTES = 64 * 1024 ** 2;

export function ImportPanel({ currentVintage, onImported }: { currentVintage: string | null; onImported: () => Promise<void> }) {
  const { staff, authorization } = useStaffApi();
  const id = useId();
  const fieldId = (field: Field) => `${id}-${field}`;
  const [kind, setKind] = useState<ImportKind>(currentVintage ? 'postcodes' : 'boundaries');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [lookupFile, setLookupFile] = useState<File | null>(null);
  const [districtsText, setDistrictsText] = useState('');
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
    if (kind === 'boundaries' && lookupFile && lookupFile.size === 0) problems.lookupFile = `${lookupFile.name} is empty.`;
    else if (kind === 'boundaries' && lookupFile && lookupFile.size > LOOKUP_MAX_BYTES) problems.lookupFile = `${lookupFile.name} is ${formatBytes(lookupFile.size)}: the ONS ward to district lookup is well under 1 MB. Choose the lookup CSV, not the boundaries.`;
    const districts = parseDistricts(districtsText);
    if (kind === 'boundaries' && districts.invalid.length > 0) problems.districts = `${districts.invalid.slice(0, 3).join(', ')} ${districts.invalid.length === 1 ? 'is not a district code' : 'are not district codes'}: enter ONS local authority codes such as E08000028, separated by commas.`;
    else if (kind === 'boundaries' && districts.codes.length > 100) problems.districts = 'Enter at most 100 districts.';
    if (kind === 'boundaries' && vintage && !VintageSchema.safeParse(vintage).success) problems.vintage = 'Enter the boundary vintage as YYYY-MM, e.g. 2025-05, or leave it blank.';
    if (kind === 'postcodes' && lookupVintage && !VintageSchema.safeParse(lookupVintage).success) problems.lookupVintage = 'Enter the lookup vintage as YYYY-MM, e.g. 2024-08, or leave it blank.';
    if (kind === 'areas' && !areaKind) problems.areaKind = 'Choose the kind of area the file holds: Impact Areas or Neighbourhood Policing Teams.';
    return problems;
  };

  const options = (): ImportOptions => {
    if (kind === 'boundaries') {
      const { codes } = parseDistricts(districtsText);
      return {
        ...(vintage ? { vintage } : {}),
        ...(lookupFile ? { lookupFile: { fileName: lookupFile.name, fileBytes: lookupFile.size } } : {}),
        ...(codes.length > 0 ? { districts: codes } : {}),
      };
    }
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
      setLookupFile(null);
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
    let lookupUpload: UploadTarget | undefined;
    const lookup = kind === 'boundaries' ? lookupFile : null;
    try {
      ({ job, upload, lookupUpload } = await unwrap(staff.admin.imports.$post({ json: { kind, fileName, fileBytes: file.size, options: options() } })));
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
      // The ward to district lookup goes up second, with its own progress.
      if (lookup && lookupUpload) {
        const target = lookupUpload;
        setRun({ step: 'uploading', fileName: lookup.name, job, loaded: 0, total: lookup.size });
        await uploadFile(target, lookup, authorization, (loaded, total) => setRun({ step: 'uploading', fileName: lookup.name, job, loaded, total }));
      }
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
          <strong>Ward boundaries</strong> (the ONS GeoJSON, with the ward to district lookup CSV) — the wards, districts and map.
        </li>
        <li>
          <strong>Postcode lookup</strong> (the NSPL or ONSPD ZIP, or its CSV) — so residents can give a postcode instead of choosing a ward.
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

        <FileField
          context={{ fieldId, errors, describedBy, fieldError, busy }}
          field="file"
          label="File to import"
          hint={KINDS[kind].hint}
          accept={KINDS[kind].accept}
          file={file}
          resetKey={fileInputKey}
          onChange={chooseFile}
        />

        {kind === 'boundaries' && (
          <BoundaryFields
            {...{ fieldId, errors, describedBy, fieldError, busy, fileInputKey, currentVintage, lookupFile, setLookupFile, districtsText, setDistrictsText, vintage, setVintage }}
          />
        )}

        {kind === 'postcodes' && (
          <TextField
            context={{ fieldId, errors, describedBy, fieldError, busy }}
            field="lookupVintage"
            label="Lookup vintage (optional)"
            hint={`The month ONS published the lookup, YYYY-MM, e.g. 2024-08 for NSPL August 2024. Filled in from the file name when it says.${currentVintage ? ` Postcodes are matched to the live ward boundaries (${vintageLabel(currentVintage)}).` : ''}`}
            value={lookupVintage}
            onChange={setLookupVintage}
            short
          />
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

