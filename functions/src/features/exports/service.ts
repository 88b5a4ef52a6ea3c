/**
 * The rules of exports, apart from HTTP: what may be asked for, queueing a job so that nothing is
 * left queued that nothing will run, settling jobs that died with their process, and which file
 * a finished job may be downloaded from. The routes only map requests and answers.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories } from '@wardpulse/data';
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_STALE_AFTER_MS,
  exportFileName,
  ForbiddenError,
  mayExport,
  NotFoundError,
  ValidationError,
  type ExportJob,
  type ExportRequest,
  type StaffPrincipal,
  type SurveyVersion,
} from '@wardpulse/domain';
import type { Readable } from 'node:stream';
import type { DownloadTarget, FileStore } from '../../files/file-store.ts';
import type { JobDispatcher } from '../../jobs/dispatcher.ts';
import { exportFileKey } from './file-key.ts';

export interface ExportDeps {
  repositories: Repositories;
  files: FileStore;
  jobs: JobDispatcher;
}

/** Recent jobs listed per survey. */
export const RECENT_EXPORTS = 20;

/** Checks what can be checked before queueing, so a bad request fails now with the field named, not later in the job. */
async function checkRequest(repositories: Repositories, versions: readonly SurveyVersion[], request: ExportRequest): Promise<void> {
  if (versions.length === 0) throw new ValidationError('This survey has not been published, so there is nothing to export yet.', [{ path: ['param', 'id'], message: 'The survey has no published version.' }], 'export.unpublished');
  if (request.kind !== 'results') return;
  if (request.group) {
    const { questionId, optionId } = request.group;
    const questions = versions.flatMap((v) => v.content.questions).filter((q) => q.id === questionId);
    if (!questions.some((q) => q.type === 'demographic')) {
      throw new ValidationError(`“${questionId}” is not an equality-monitoring question of this survey.`, [{ path: ['json', 'group', 'questionId'], message: `No demographic question ${questionId}.` }], 'export.unknown_group');
    }
    if (!questions.some((q) => q.type === 'demographic' && q.options.some((o) => o.id === optionId))) {
      throw new ValidationError(`“${optionId}” is not an answer to ${questionId}.`, [{ path: ['json', 'group', 'optionId'], message: `No option ${optionId} in ${questionId}.` }], 'export.unknown_group');
    }
  }
  if (request.format === 'geojson') {
    const vintage = await repositories.geography.currentVintage();
    if (!vintage || !(await repositories.geography.getBoundarySet(vintage))) {
      throw new ValidationError('No ward boundaries have been imported, so there is no map to join figures to; export CSV or XLSX.', [{ path: ['json', 'format'], message: 'GeoJSON needs imported ward boundaries.' }], 'export.no_boundaries');
    }
  }
}

/**
 * Queues an export of a survey for `actor`. The job is recorded before it is dispatched; if the
 * dispatch fails the job is recorded failed (never left queued with nothing to run it) and the
 * error passes on to the caller.
 */
export async function requestExport(deps: ExportDeps, surveyId: string, request: ExportRequest, principal: StaffPrincipal): Promise<ExportJob> {
  if (!mayExport(principal.roles, request)) {
    throw new ForbiddenError(
      request.kind === 'responses' && !request.redactText
        ? 'Only an administrator may export free text unredacted.'
        : 'Only analysts and administrators may export individual responses; results tables are open to every staff role.',
      'export.forbidden',
    );
  }
  const survey = await deps.repositories.surveys.get(surveyId);
  if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
  await checkRequest(deps.repositories, await deps.repositories.surveys.listVersions(surveyId), request);

  const now = new Date().toISOString();
  const job: ExportJob = {
    id: randomUUID(),
    surveyId,
    request,
    status: 'queued',
    progress: { rows: 0 },
    fileName: exportFileName(survey.slug, request, now),
    requestedBy: principal.username,
    requestedAt: now,
    updatedAt: now,
  };
  await deps.repositories.exports.create(job);
  try {
    await deps.jobs.dispatch({ type: 'export', id: job.id });
  } catch (error) {
    await deps.repositories.exports.finish(job.id, { status: 'failed', error: { code: 'export.not_started', message: 'The export could not be started; ask for it again.' } }, job.progress);
    throw error;
  }
  // The job as recorded: the runner may already have picked it up, and the caller polls for that.
  return job;
}

/**
 * A job still `running` long after its last progress died with its process (a Lambda timeout
 * leaves no chance to record it): record it failed, so nobody waits on it for ever.
 */
async function settle(repositories: Repositories, job: ExportJob, now = Date.now()): Promise<ExportJob> {
  if (job.status !== 'running' || now - Date.parse(job.updatedAt) < EXPORT_STALE_AFTER_MS) return job;
  if (!(await repositories.exports.transition(job.id, 'running', 'failed'))) return (await repositories.exports.get(job.id)) ?? job;
  const error = { code: 'export.timed_out', message: `The export stopped after ${job.progress.rows} rows without finishing (it ran out of time); no file was kept. Try again, or export a smaller part.` };
  await repositories.exports.finish(job.id, { status: 'failed', error }, job.progress);
  return (await repositories.exports.get(job.id)) ?? job;
}

/** A survey's recent export jobs that `principal` may see, newest first, each settled. */
export async function listExports(repositories: Repositories, surveyId: string, principal: StaffPrincipal): Promise<ExportJob[]> {
  const [survey, recent] = await Promise.all([repositories.surveys.get(surveyId), repositories.exports.listForSurvey(surveyId, RECENT_EXPORTS)]);
  if (!survey) throw new NotFoundError('No survey with that id.', 'survey.not_found');
  const jobs = recent.filter((job) => mayExport(principal.roles, job.request));
  return Promise.all(jobs.map((job) => settle(repositories, job)));
}

/** An export job `principal` may see, settled; NotFoundError if there is none (or it is not theirs to see, which is not said). */
export async function getExport(repositories: Repositories, id: string, principal: StaffPrincipal): Promise<ExportJob> {
  const job = await repositories.exports.get(id);
  if (!job || !mayExport(principal.roles, job.request)) throw new NotFoundError('No export with that id.', 'export.not_found');
  return settle(repositories, job);
}

/** A job and, once it has succeeded and its file still exists, where to download it; every link given is audited. */
export async function exportWithDownload(deps: Omit<ExportDeps, 'jobs'>, id: string, principal: StaffPrincipal): Promise<{ job: ExportJob; download?: DownloadTarget }> {
  const job = await getExport(deps.repositories, id, principal);
  if (job.status !== 'succeeded') return { job };
  // The file expires (S3 lifecycle) before the job record does: offer a link only while it exists.
  const key = exportFileKey(job.id);
  if (!(await deps.files.stat(key))) return { job };
  const download = await deps.files.downloadTarget(key, { fileName: job.fileName, contentType: EXPORT_CONTENT_TYPES[job.request.format] });
  await deps.repositories.exports.recordDownload(job, principal.username, new Date().toISOString());
  return { job, download };
}

/** The finished file of a job, from a store that serves downloads itself (the local server). */
export async function openExportFile(deps: Omit<ExportDeps, 'jobs'>, id: string, principal: StaffPrincipal): Promise<{ job: ExportJob; bytes: number; stream: Readable }> {
  const job = await getExport(deps.repositories, id, principal);
  const key = exportFileKey(job.id);
  const stat = deps.files.servesDownloads && job.status === 'succeeded' ? await deps.files.stat(key) : null;
  if (!stat) throw new NotFoundError('This export has no file here: it has not finished, has expired, or is downloaded from its pre-signed link.', 'export.no_file');
  return { job, bytes: stat.bytes, stream: await deps.files.open(key) };
}
