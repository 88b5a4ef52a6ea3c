/** What the import panel knows about an import: its API shapes, the steps of a run, the words for kinds, phases and statuses, and the milestones screen readers hear. */
import type { ImportKind } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import type { api } from '../../shared/api.ts';
import { percent } from './format.ts';
import { reportHeadline } from './report.ts';

export type Job = InferResponseType<(typeof api.api.staff.admin.imports)[':id']['$get'], 200>;
export type Preview = InferResponseType<(typeof api.api.staff.admin.imports)[':id']['preview']['$post'], 200>;
export type AreaKind = Preview['kind'];
export type Field = 'kind' | 'file' | 'lookupFile' | 'districts' | 'vintage' | 'lookupVintage' | 'areaKind';
export type FieldErrors = Partial<Record<Field, string>>;

export type Run =
  | { step: 'idle' }
  | { step: 'creating'; fileName: string }
  | { step: 'uploading'; fileName: string; job: Job; loaded: number; total: number }
  | { step: 'preview'; fileName: string; job: Job; preview: Preview }
  | { step: 'starting'; fileName: string; job: Job }
  | { step: 'processing'; fileName: string; job: Job; resumed: boolean; pollProblem?: string }
  | { step: 'succeeded'; fileName: string; job: Job }
  | { step: 'failed'; fileName: string; message: string; code?: string; job?: Job };

export const MAX_BYTES = 2 * 1024 ** 3;
export const POLL_MS = 1_000;

export const KINDS: Record<ImportKind, { label: string; description: string; hint: string; accept: string }> = {
  boundaries: {
    label: 'Ward boundaries',
    description: 'ONS ward boundaries, GeoJSON',
    hint: 'The ONS "Wards (May yyyy) Boundaries UK" GeoJSON as downloaded from the Open Geography Portal (BGC or full-resolution BFC, the whole UK is fine), in WGS84 longitude/latitude or British National Grid. It becomes the live boundary vintage.',
    accept: '.geojson,.json,application/geo+json,application/json',
  },
  postcodes: {
    label: 'Postcode lookup',
    description: 'ONS NSPL or ONSPD: the ZIP as downloaded, CSV or .csv.gz',
    hint: 'The ONS postcode lookup (NSPL or ONSPD): the ZIP as downloaded (its Data folder is read), or the CSV, or gzipped as .csv.gz, up to 2 GB. The whole-UK file is fine: postcodes outside the force are skipped. Import the ward boundaries first.',
    accept: '.zip,.csv,.gz,.csv.gz,text/csv,application/gzip,application/zip',
  },
  areas: {
    label: 'Impact Areas or NPTs',
    description: 'named sets of wards, CSV',
    hint: 'A CSV file with the header area_name,ward_code and one row for each ward of each area. It replaces all the areas of the kind you choose; you will see which before anything changes.',
    accept: '.csv,text/csv',
  },
};

export const PHASES: Record<Job['progress']['phase'], string> = {
  queued: 'Waiting to start',
  reading: 'Reading the file',
  writing: 'Saving',
  done: 'Done',
  failed: 'Failed',
};

export const STATUSES: Record<Job['status'], string> = {
  'awaiting-upload': 'Not uploaded',
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Imported',
  failed: 'Failed',
};

export const AREA_KINDS: Record<AreaKind, { label: string; one: string; many: string }> = {
  'impact-area': { label: 'Impact Areas', one: 'Impact Area', many: 'Impact Areas' },
  npt: { label: 'Neighbourhood Policing Teams (NPTs)', one: 'neighbourhood team area', many: 'neighbourhood team areas' },
};

/** Local authority district codes typed by an administrator: any separators, any case. */
export function parseDistricts(text: string): { codes: string[]; invalid: string[] } {
  const words = text.toUpperCase().split(/[\s,;]+/).filter(Boolean);
  const codes = [...new Set(words.filter((word) => /^[ENSW]\d{8}$/.test(word)))];
  return { codes, invalid: words.filter((word) => !/^[ENSW]\d{8}$/.test(word)) };
}

export const message = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback);

/** What screen readers hear: a few milestones, not every poll. */
export function milestone(run: Run): string {
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
export function issuesToFields(issues: readonly { path: readonly (string | number)[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const names = issue.path.map(String);
    const field: Field | undefined = names.includes('lookupFile') ? 'lookupFile' : names.includes('districts') ? 'districts' : names.includes('fileBytes') || names.includes('fileName') ? 'file' : names.includes('lookupVintage') ? 'lookupVintage' : names.includes('vintage') ? 'vintage' : names.includes('areaKind') ? 'areaKind' : names.includes('kind') ? 'kind' : undefined;
    if (field && !fields[field]) fields[field] = issue.message;
  }
  return fields;
}
