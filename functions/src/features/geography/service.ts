/**
 * The rules of the force's geography apart from HTTP: what the console sees, and the life of an
 * import job (created awaiting its upload, started once, previewed only for areas). The routes
 * only map requests and answers.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories } from '@wardpulse/data';
import { ConflictError, NotFoundError, ValidationError, type ImportJob, type ImportKind, type ImportOptions } from '@wardpulse/domain';
import type { FileStore, UploadTarget } from '../../files/file-store.ts';
import type { JobDispatcher } from '../../jobs/dispatcher.ts';
import { importFileKey, importLookupKey } from './file-key.ts';
import { previewAreas } from './import/areas.ts';

export interface ImportDeps {
  repositories: Repositories;
  files: FileStore;
  jobs: JobDispatcher;
}

/** The live vintage, every imported vintage, and the districts and areas of one vintage (the live one by default). */
export async function geographyOverview(repositories: Repositories, requested?: string) {
  const { geography } = repositories;
  const currentVintage = await geography.currentVintage();
  const vintage = requested ?? currentVintage;
  const [boundarySets, districts, areas] = await Promise.all([geography.listBoundarySets(), vintage ? geography.listDistricts(vintage) : [], vintage ? geography.listAreas(vintage) : []]);
  return { currentVintage, boundarySets, districts, areas };
}

/** Wards of a vintage (the live one by default), optionally of one district; none before any import. */
export async function wardsOf(repositories: Repositories, query: { vintage?: string | undefined; district?: string | undefined }) {
  const vintage = query.vintage ?? (await repositories.geography.currentVintage());
  return { vintage, wards: vintage ? await repositories.geography.listWards(vintage, query.district) : [] };
}

const CONTENT_TYPES: Record<ImportJob['kind'], string> = { boundaries: 'application/geo+json', postcodes: 'application/octet-stream', areas: 'text/csv' };

/** A new import job awaiting its file, and where to upload it. */
export async function createImport(
  deps: Omit<ImportDeps, 'jobs'>,
  input: { kind: ImportKind; fileName: string; fileBytes: number; options: ImportOptions },
  actor: string,
): Promise<{ job: ImportJob; upload: UploadTarget; lookupUpload?: UploadTarget }> {
  if (input.kind !== 'boundaries' && (input.options.lookupFile || input.options.districts)) {
    throw new ValidationError('A ward to district lookup and a choice of districts go with a boundaries import only.', [{ path: ['options', input.options.lookupFile ? 'lookupFile' : 'districts'], message: 'Only for kind boundaries.' }], 'import.options_not_for_kind');
  }
  const now = new Date().toISOString();
  const job: ImportJob = {
    id: randomUUID(),
    kind: input.kind,
    status: 'awaiting-upload',
    fileName: input.fileName,
    options: input.options,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    progress: { phase: 'queued', rowsRead: 0, rowsKept: 0, bytesRead: 0, totalBytes: input.fileBytes },
  };
  await deps.repositories.imports.create(job);
  const upload = await deps.files.uploadTarget(importFileKey(job.id), { contentType: CONTENT_TYPES[job.kind], bytes: input.fileBytes });
  const lookup = input.options.lookupFile;
  if (!lookup) return { job, upload };
  return { job, upload, lookupUpload: await deps.files.uploadTarget(importLookupKey(job.id), { contentType: 'text/csv', bytes: lookup.fileBytes }) };
}

/** An import job; NotFoundError if there is none. */
export async function getImport(repositories: Repositories, id: string): Promise<ImportJob> {
  const job = await repositories.imports.get(id);
  if (!job) throw new NotFoundError('No import job with that id.', 'import.not_found');
  return job;
}

/** Queues an uploaded import, once: a second start is a ConflictError, a missing file a ValidationError. */
export async function startImport(deps: ImportDeps, id: string): Promise<ImportJob> {
  const { imports } = deps.repositories;
  const job = await getImport(deps.repositories, id);
  if (!(await deps.files.stat(importFileKey(id)))) throw new ValidationError('Upload the file before starting the import.', undefined, 'import.no_file');
  if (job.options.lookupFile && !(await deps.files.stat(importLookupKey(id)))) throw new ValidationError(`Upload the ward to district lookup (${job.options.lookupFile.fileName}) before starting the import.`, undefined, 'import.no_lookup_file');
  if (!(await imports.transition(id, 'awaiting-upload', 'queued'))) {
    throw new ConflictError(`This import is already ${job.status}.`, 'import.already_started');
  }
  await deps.jobs.dispatch({ type: 'import', id });
  return (await imports.get(id)) ?? job;
}

/** Areas files are small; a preview reads at most this much. */
const MAX_PREVIEW_BYTES = 16 * 1024 * 1024;

async function readSmallText(stream: AsyncIterable<Buffer>, fileName: string): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > MAX_PREVIEW_BYTES) throw new ValidationError(`${fileName} is larger than ${MAX_PREVIEW_BYTES / 1024 ** 2} MB: an areas file has one short row for each ward of each area.`, undefined, 'areas.too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What an uploaded areas import would replace, changing nothing. Only areas imports have a preview. */
export async function previewImport(deps: Omit<ImportDeps, 'jobs'>, id: string) {
  const { repositories, files } = deps;
  const job = await getImport(repositories, id);
  if (job.kind !== 'areas') throw new ValidationError('Only area imports have a preview: boundaries and postcodes add a new vintage or lookup and replace nothing in place.', undefined, 'import.no_preview');
  if (!job.options.areaKind) throw new ValidationError('Kind of area is required: start the import again and choose Impact Areas or Neighbourhood Policing Teams.', [{ path: ['options', 'areaKind'], message: 'Kind of area is required.' }], 'areas.no_kind');
  if (!(await files.stat(importFileKey(id)))) throw new ValidationError('Upload the file before asking for a preview.', undefined, 'import.no_file');
  const text = await readSmallText((await files.open(importFileKey(id))) as AsyncIterable<Buffer>, job.fileName);
  return previewAreas(repositories, text, job.options.areaKind);
}

/** Recent import jobs, newest first. */
export const RECENT_IMPORTS = 20;
