import type { Readable } from 'node:stream';
import type { Logger } from '@aws-lambda-powertools/logger';
import { redactText } from '@wardpulse/analytics';
import type { Repositories } from '@wardpulse/data';
import { DomainError, EXPORT_CONTENT_TYPES, NotFoundError, ValidationError, type ExportJob, type ExportProgress } from '@wardpulse/domain';
import type { FileStore } from '../../files/index.ts';
import { computeSurveyResults } from '../results/service.ts';
import { csvStream } from './csv.ts';
import { geojsonStream } from './geojson.ts';
import { respondentSheets, type WardName } from './responses.ts';
import { resultsRowCount, resultsSheets } from './results.ts';
import { xlsxStream } from './xlsx.ts';

export interface ExportRunnerDeps {
  repositories: Repositories;
  files: FileStore;
  logger: Logger;
}

import { exportFileKey } from './file-key.ts';

export { exportFileKey };

/** Progress is written at most this often. */
const PROGRESS_INTERVAL_MS = 1_000;

/**
 * Runs one queued export job to the end: streams the file to the FileStore, recording rows
 * written (at most once a second) and then the outcome. Safe to call twice: only the call that
 * moves the job from `queued` to `running` does the work. Any failure ends the job `failed` with
 * a message staff can read, and no file is left under its key.
 */
export async function runExportJob(deps: ExportRunnerDeps, id: string): Promise<void> {
  const { repositories, files } = deps;
  const log = deps.logger.createChild({ persistentKeys: { exportJob: id } });
  const job = await repositories.exports.get(id);
  if (!job) return log.warn('export job not found');
  if (!(await repositories.exports.transition(id, 'queued', 'running'))) return log.info('export job already taken', { status: job.status });

  let latest: ExportProgress = { rows: 0 };
  let lastWrite = Date.now();
  let writing: Promise<void> = Promise.resolve();
  const save = (progress: ExportProgress) => {
    writing = writing.then(() => repositories.exports.progress(id, progress)).catch((error: unknown) => log.warn('progress not saved', { error }));
  };
  const progress = {
    total: (totalRows: number) => {
      latest = { ...latest, totalRows };
      save(latest);
    },
    rows: (rows: number) => {
      latest = { ...latest, rows };
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      save(latest);
    },
  };

  try {
    const body = await exportBody(deps, job, progress);
    const { bytes } = await files.put(exportFileKey(id), body, { contentType: EXPORT_CONTENT_TYPES[job.request.format] });
    await writing;
    await repositories.exports.finish(id, { status: 'succeeded', bytes }, latest);
    log.info('export succeeded', { kind: job.request.kind, format: job.request.format, rows: latest.rows, bytes });
  } catch (error) {
    await writing;
    const known = error instanceof DomainError;
    const failure = known
      ? { code: error.code, message: error.message }
      : { code: 'export.failed', message: `The export stopped because of an unexpected error after ${latest.rows} rows; no file was kept. Try again, or contact support quoting export ${id}.` };
    if (!known) log.error('export failed', { error });
    await repositories.exports.finish(id, { status: 'failed', error: failure }, latest);
  }
}

interface ProgressSink {
  total(rows: number): void;
  rows(rows: number): void;
}

async function exportBody(deps: ExportRunnerDeps, job: ExportJob, progress: ProgressSink): Promise<Readable> {
  const { repositories } = deps;
  const { request } = job;
  if (request.kind === 'responses') {
    const survey = await repositories.surveys.get(job.surveyId);
    if (!survey) throw new NotFoundError('The survey was deleted before its export ran.', 'export.survey_not_found');
    const versions = (await repositories.surveys.listVersions(job.surveyId)).sort((a, b) => a.version - b.version);
    if (versions.length === 0) throw new ValidationError('The survey has no published version, so there are no responses to export.', undefined, 'export.unpublished');
    // The aggregates count every stored response: a cheap total for the progress bar.
    const counted = await Promise.all(versions.map(async (v) => [...(await repositories.responses.aggregates(job.surveyId, v.version)).main.values()].reduce((sum, counters) => sum + (counters.n ?? 0), 0)));
    const expected = counted.reduce((sum, n) => sum + n, 0);
    if (expected > 0) progress.total(expected);
    const sheets = respondentSheets({
      survey,
      versions,
      wards: await wardNames(repositories, versions.map((v) => v.boundaryVintage)),
      // Version by version, each in arrival order, its shards read side by side and ahead of the writing.
      pages: async function* () {
        for (const version of versions) yield* repositories.responses.readVersion(job.surveyId, version.version);
      },
      redact: request.redactText ? redactText : undefined,
      generatedAt: new Date().toISOString(),
    });
    return request.format === 'csv' ? csvStream(sheets[0]!, progress.rows) : xlsxStream(sheets, progress.rows);
  }

  const results = await computeSurveyResults(repositories, job.surveyId, { level: request.level, ...(request.group ? { group: request.group } : {}) });
  if (request.format === 'geojson') {
    const vintage = await repositories.geography.currentVintage();
    const map = vintage ? await repositories.geography.getMap(vintage) : null;
    if (!vintage || !map) throw new ValidationError('No ward boundaries have been imported, so there is no map to join the figures to. Export CSV or XLSX instead.', undefined, 'export.no_boundaries');
    const areas = new Map((await repositories.geography.listAreas(vintage)).map((area) => [area.id, area.wardCodes]));
    progress.total(results.units.length);
    return geojsonStream({ results, map, vintage, areas, name: job.fileName.replace(/\.geojson$/, '') }, progress.rows);
  }
  const sheets = resultsSheets(results);
  progress.total(resultsRowCount(results));
  return request.format === 'csv' ? csvStream(sheets[0]!, progress.rows) : xlsxStream(sheets, progress.rows);
}

/** Ward and district names by ward code, over the vintages the versions were answered on (newest wins). */
async function wardNames(repositories: Repositories, vintages: readonly (string | null)[]): Promise<Map<string, WardName>> {
  const current = await repositories.geography.currentVintage();
  const wanted = [...new Set([...vintages, current].filter((v): v is string => v !== null))].sort();
  const names = new Map<string, WardName>();
  for (const vintage of wanted) {
    for (const ward of await repositories.geography.listWards(vintage)) names.set(ward.code, { name: ward.name, districtCode: ward.districtCode, districtName: ward.districtName });
  }
  return names;
}
