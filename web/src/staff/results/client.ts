/**
 * The results and exports API as the Results page uses it, through the typed client: request and
 * response types come from the API's own route definitions (type-only imports: no zod here).
 */
import type { Adjustment, ExportRequestInput, ResultLevel } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import { api, ApiError, unwrap } from '../../shared/api.ts';
import { formatGroup, type Group } from './query-state.ts';

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` }, init: { cache: 'no-cache' as const } });

const survey = api.api.staff.surveys[':id'];

export type TextInsights = InferResponseType<typeof survey.results.text.$get, 200>;
export type SeriesSurvey = InferResponseType<typeof survey.results.series.$get, 200>['surveys'][number];

export interface ResultsRequest {
  level: ResultLevel;
  group: Group | null;
  within: string | null;
}

export function getResults(surveyId: string, request: ResultsRequest, token: string) {
  const query = { level: request.level, ...(request.group ? { group: formatGroup(request.group) } : {}), ...(request.within ? { within: request.within } : {}) };
  return unwrap(survey.results.$get({ param: { id: surveyId }, query }, bearer(token)));
}

export interface ComparisonRequest {
  level: ResultLevel;
  question: string;
  adjust: Adjustment;
}

/** Compares `afterId` (the later wave) with `beforeId`. */
export function getComparison(afterId: string, beforeId: string, request: ComparisonRequest, token: string) {
  return unwrap(survey.results.compare.$get({ param: { id: afterId }, query: { with: beforeId, level: request.level, question: request.question, adjust: request.adjust } }, bearer(token)));
}

/** The other surveys of the same series (other waves). */
export async function getSeries(surveyId: string, token: string): Promise<SeriesSurvey[]> {
  return (await unwrap(survey.results.series.$get({ param: { id: surveyId } }, bearer(token)))).surveys;
}

/** Themes, quotes (where allowed) and sentiment of a free-text question in one unit; the force when `unit` is `force`. */
export function getTextInsights(surveyId: string, request: { question: string; unit: string; level: ResultLevel }, token: string) {
  const query = request.unit === 'force' ? { question: request.question } : request;
  return unwrap(survey.results.text.$get({ param: { id: surveyId }, query }, bearer(token)));
}

export type ExportRequest = ExportRequestInput;
export type ExportState = InferResponseType<(typeof api.api.staff.exports)[':id']['$get'], 200>;
export type ExportJob = ExportState['job'];
export type ExportDownload = NonNullable<ExportState['download']>;

export async function startExport(surveyId: string, request: ExportRequest, token: string): Promise<ExportJob> {
  return (await unwrap(survey.exports.$post({ param: { id: surveyId }, json: request }, bearer(token)))).job;
}

export function getExport(jobId: string, token: string): Promise<ExportState> {
  return unwrap(api.api.staff.exports[':id'].$get({ param: { id: jobId } }, bearer(token)));
}

const authHeader = (token: string): HeadersInit => ({ Authorization: `Bearer ${token}` });

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
export async function fetchOwnDownload(url: string, token: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { headers: authHeader(token) });
  } catch {
    throw new ApiError(0, 'network.offline', 'The download was interrupted. Check your connection and try again.');
  }
  if (response.ok) return response.blob();
  if (response.status === 401) throw new ApiError(401, 'auth.expired', 'Your sign-in has expired. Sign in again, then export again.');
  if (response.status === 404 || response.status === 410) throw new ApiError(response.status, 'export.expired', 'The file is no longer available: its link has expired. Export again.');
  throw new ApiError(response.status, `http.${response.status}`, `The download failed (the server answered ${response.status}). Try again in a moment.`);
}
