import { PassThrough, type Readable } from 'node:stream';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Repositories } from '@wardpulse/data';
import { DomainError, ImportFileError, type ImportJob, type ImportProgress } from '@wardpulse/domain';
import type { FileStore } from '../../files/index.ts';
import { importFileKey, importLookupKey } from './file-key.ts';
import { importAreas, importBoundaryFile, importPostcodes, parseWardLookup } from './import/index.ts';

export interface ImportRunnerDeps {
  repositories: Repositories;
  files: FileStore;
  logger: Logger;
}

export { importFileKey };

/** Largest file read whole into memory (areas CSV, ward → district lookup); boundary and postcode files stream. */
const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_WHOLE_FILE_BYTES) throw new Error('file too large to read whole');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs one queued import job to the end, recording progress (at most once a second) and the
 * outcome on the job. Safe to call twice: only the call that moves the job from `queued` to
 * `running` does the work.
 */
export async function runImportJob(deps: ImportRunnerDeps, id: string): Promise<void> {
  const { repositories, files } = deps;
  const log = deps.logger.createChild({ persistentKeys: { importJob: id } });
  const job = await repositories.imports.get(id);
  if (!job) return log.warn('import job not found');
  if (!(await repositories.imports.transition(id, 'queued', 'running'))) return log.info('import job already taken', { status: job.status });

  const key = importFileKey(id);
  const size = (await files.stat(key))?.bytes ?? 0;
  let latest: ImportProgress = { phase: 'reading', rowsRead: 0, rowsKept: 0, bytesRead: 0, totalBytes: size };
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const onProgress = (progress: ImportProgress) => {
    latest = progress;
    const now = Date.now();
    if (now - lastWrite < 1_000) return;
    lastWrite = now;
    writing = writing.then(() => repositories.imports.progress(id, progress)).catch((error: unknown) => log.warn('progress not saved', { error }));
  };
  await repositories.imports.progress(id, latest);

  try {
    const report = await runByKind(job, deps, key, size, onProgress);
    await writing;
    await repositories.imports.finish(id, { status: 'succeeded', report: report as Record<string, unknown> }, { ...latest, phase: 'done' });
    log.info('import succeeded', { kind: job.kind });
  } catch (error) {
    await writing;
    const known = error instanceof DomainError;
    const failure = known ? { code: error.code, message: error.message } : { code: 'import.failed', message: 'The import stopped because of an unexpected error; nothing was changed. Try again, or contact support with the job id.' };
    if (!known) log.error('import failed', { error });
    await repositories.imports.finish(id, { status: 'failed', error: failure }, { ...latest, phase: 'failed', message: failure.message });
  }
}

async function runByKind(job: ImportJob, deps: ImportRunnerDeps, key: string, size: number, onProgress: (p: ImportProgress) => void): Promise<unknown> {
  const { repositories, files } = deps;
  switch (job.kind) {
    case 'boundaries': {
      const { lookupFile, vintage, wardProperties, districts } = job.options;
      // The lookup first (small, read whole), then the boundary file streamed, wards outside the districts dropped as read.
      if (lookupFile) onProgress({ phase: 'reading', rowsRead: 0, rowsKept: 0, bytesRead: 0, totalBytes: size, message: `reading the ward to district lookup ${lookupFile.fileName}` });
      const lookup = lookupFile ? parseWardLookup(await readText(await files.open(importLookupKey(job.id))), lookupFile.fileName) : undefined;
      return importBoundaryFile(repositories, await files.open(key), {
        ...(vintage ? { vintage } : {}),
        ...(wardProperties ? { wardProperties } : {}),
        ...(lookup ? { lookup } : {}),
        ...(districts ? { districts } : {}),
        source: lookupFile ? `${job.fileName} + ${lookupFile.fileName}` : job.fileName,
        actor: job.createdBy,
        totalBytes: size,
        onProgress,
      });
    }
    case 'postcodes': {
      // The importer reads the file twice (validate, then write); each pass opens it afresh.
      const open = () => {
        const pass = new PassThrough();
        files.open(key).then(
          (stream) => stream.on('error', (error) => pass.destroy(error)).pipe(pass),
          (error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))),
        );
        return pass;
      };
      return importPostcodes({ repositories, open, fileName: job.fileName, totalBytes: size, options: job.options, actor: job.createdBy, onProgress });
    }
    case 'areas': {
      // No default: a neighbourhood-team file must never silently replace the Impact Areas.
      if (!job.options.areaKind) throw new ImportFileError('areas.no_kind', 'This areas import does not say which kind of area it holds, so nothing was changed. Start it again and choose Impact Areas or Neighbourhood Policing Teams.');
      const text = await readText(await files.open(key));
      return importAreas(repositories, text, { kind: job.options.areaKind, actor: job.createdBy });
    }
  }
}
