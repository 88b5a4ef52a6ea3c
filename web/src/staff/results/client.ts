/**
 * The results and exports API as the Results page uses it, through the typed client: request and
 * response types come from the API's own route definitions (type-only imports: no zod here).
 */
import type { Adjustment, ExportRequestInput, ResultLevel } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import type { api} from '../../shared/api.ts';
import { ApiError, unwrap } from '../../shared/api.ts';
import { formatGroup, type Group } from './query-state.ts';

import type { StaffApi } from '../shared/api.tsx';

// Results change as responses arrive: never answer from the browser's cache.
const fresh = { init: { cache: 'no-cache' as const } };

type Survey = (typeof api.api.staff.surveys)[':id'];
const surveyOf = ({ staff }: StaffApi) => staff.surveys[':id'];

export type TextInsights = InferResponseType<Survey['results']['text']['$get'], 200>;
export type SeriesSurvey = InferResponseType<Survey['results']['series']['$get'], 200>['surveys'][number];

export interface ResultsRequest {
  level: ResultLevel;
  group: Group | null;
  within: string | null;
}

export function getResults(api: StaffApi, surveyId: string, request: ResultsRequest) {
  const query = { level: request.level, ...(request.group ? { group: formatGroup(request.group) } : {}), ...(request.within ? { within: request.within } : {}) };
  return unwrap(surveyOf(api).results.$get({ param: { id: surveyId }, query }, fresh));
}

export interface ComparisonRequest {
  level: ResultLevel;
  question: string;
  adjust: Adjustment;
}

/** Compares `afterId` (the later wave) with `beforeId`. */
export function getComparison(api: StaffApi, afterId: string, beforeId: string, request: ComparisonRequest) {
  return unwrap(surveyOf(api).results.compare.$get({ param: { id: afterId }, query: { with: beforeId, level: request.level, question: request.question, adjust: request.adjust } }, fresh));
}

/** The other surveys of the same series (other waves). */
export async function getSeries(api: StaffApi, surveyId: string): Promise<SeriesSurvey[]> {
  return (await unwrap(surveyOf(api).results.series.$get({ param: { id: surveyId } }, fresh))).surveys;
}

/** Themes, quotes (where allowed) and sentiment of a free-text question in one unit; the force when `unit` is `force`. */
export function getTextInsights(api: StaffApi, surveyId: string, request: { question: string; unit: string; level: ResultLevel }) {
  const query = request.unit === 'force' ? { question: request.question } : request;
  return unwrap(surveyOf(api).results.text.$get({ param: { id: surveyId }, query }, fresh));
}

export type ExportRequest = ExportRequestInput;
export type ExportState = InferResponseType<(typeof api.api.staff.exports)[':id']['$get'], 200>;
export type ExportJob = ExportState['job'];
export type ExportDownload = NonNullable<ExportState['download']>;

export async function startExport(api: StaffApi, surveyId: string, request: ExportRequest): Promise<ExportJob> {
  return (await unwrap(surveyOf(api).exports.$post({ param: { id: surveyId }, json: request }, fresh))).job;
}

export function getExport(api: StaffApi, jobId: string): Promise<ExportState> {
  return unwrap(api.staff.exports[':id'].$get({ param: { id: jobId } }, fresh));
}

/**
 * Whether a download link needs the access token: the API says so (`withAuthorization`), and
 * only a link on the console's own origin ever gets it — never an S3 pre-signed URL.
 */
export function needsToken(download: Pick<ExportDownload, 'url' | 'withAuthorization'>, origin: string): boolean {
  return download.withAuthorization && isOwnUrl(download.url, origin);
}

export function isOwnUrl(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

/** Fetches the API's own download with the token, as a blob to save. */
export async function fetchOwnDownload(api: StaffApi, url: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: api.authorization } });
  } catch {
    throw new ApiError(0, 'network.offline', 'The download was interrupted. Check your connection and try again.');
  }
  if (response.ok) return response.blob();
  if (response.status === 401) throw new ApiError(401, 'auth.expired', 'Your sign-in has expired. Sign in again, then export again.');
  if (response.status === 404 || response.status === 410) throw new ApiError(response.status, 'export.expired', 'The file is no longer available: its link has expired. Export again.');
  throw new ApiError(response.status, `http.${response.status}`, `The download failed (the server answered ${response.status}). Try again in a moment.`);
}
