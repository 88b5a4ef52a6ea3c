/** The survey API as the designer uses it: types come from the API's own route definitions. */
import type { InferResponseType } from 'hono/client';
import type { api } from '../../shared/api.ts';

export type SurveyDetail = InferResponseType<(typeof api.api.staff.surveys)[':id']['$get'], 200>;
export type SurveySummary = InferResponseType<typeof api.api.staff.surveys.$get, 200>['surveys'][number];
export type Template = InferResponseType<typeof api.api.staff.surveys.templates.$get, 200>['templates'][number];

/** The public link residents open. */
export const publicPath = (slug: string) => `/s/${slug}`;
export const publicUrl = (slug: string) => `${window.location.origin}${publicPath(slug)}`;

/** "Draft", "Published v2", "Published v2 · draft v3", "Closed (v2)". */
export function statusText(survey: Pick<SurveySummary, 'status' | 'publishedVersion' | 'draftVersion'>): string {
  if (survey.status === 'closed') return survey.publishedVersion > 0 ? `Closed (version ${survey.publishedVersion})` : 'Closed';
  if (survey.status === 'draft' || survey.publishedVersion === 0) return `Draft (version ${survey.draftVersion ?? 1}, not yet published)`;
  return survey.draftVersion ? `Published version ${survey.publishedVersion} · draft of version ${survey.draftVersion}` : `Published version ${survey.publishedVersion}`;
}
