/**
 * The public API as browser tests seed it: GET a public route of the running e2e stack, and the
 * shape of a published survey as residents download it.
 */
import { expect, inject } from 'vitest';

export interface PublicQuestion {
  id: string;
  type: string;
  required?: boolean;
  pick?: number;
  options?: { id: string }[];
}

export interface PublicSurvey {
  surveyId: string;
  version: number;
  content: { questions: PublicQuestion[] };
}

/** Looks a postcode up as the resident app does (POST: postcodes never go in a URL, which is logged). */
export async function lookUpPostcode<T>(postcode: string, appUrl: string = inject('appUrl')): Promise<T> {
  const response = await fetch(`${appUrl}/api/public/postcodes/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ postcode }) });
  expect(response.status, postcode).toBe(200);
  return (await response.json()) as T;
}

/** GETs `path` from the e2e stack (or the stack at `appUrl`), expecting 200, and returns the JSON body. */
export async function getJson<T>(path: string, appUrl: string = inject('appUrl')): Promise<T> {
  const response = await fetch(`${appUrl}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
