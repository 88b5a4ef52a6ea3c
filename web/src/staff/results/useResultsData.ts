/** What the Results page loads besides the results: the live geography, the survey's other waves, the groups to choose from. */
import type { SurveyResults } from '@wardpulse/domain';
import { useEffect, useMemo, useState } from 'react';
import type { InferResponseType } from 'hono/client';
import type { api } from '../../shared/api.ts';
import { unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { errorText } from '../shared/ui.tsx';
import { getResults, getSeries, type SeriesSurvey } from './client.ts';
import type { AreaWards } from './map-units.ts';
import { groupChoices, type GroupChoice } from './measures.ts';

type Overview = InferResponseType<typeof api.api.staff.geography.$get, 200>;

export interface Geography {
  districts: Overview['districts'];
  areas: AreaWards[];
  districtNames: ReadonlyMap<string, string>;
}

export const NO_GEOGRAPHY: Geography = { districts: [], areas: [], districtNames: new Map() };

/** Districts and areas of the live boundaries, for "Wards in" and for colouring wards by area. */
export function useGeography(): Geography {
  const { staff } = useStaffApi();
  // Without it the page still works: no "Wards in" choice, and wards are not coloured by area.
  const loaded = useResource((): Promise<Overview> => unwrap(staff.geography.$get({ query: {} })), [staff]);
  const overview = loaded.status === 'ready' ? loaded.data : null;
  return useMemo(
    () => (overview ? { districts: overview.districts, areas: overview.areas.map((a) => ({ id: a.id, name: a.name, wardCodes: a.wardCodes })), districtNames: new Map(overview.districts.map((d) => [d.code, d.name])) } : NO_GEOGRAPHY),
    [overview],
  );
}

export type Series = { state: 'loading' } | { state: 'loaded'; surveys: SeriesSurvey[] } | { state: 'failed'; message: string };

export function useSeries(surveyId: string): Series {
  const api = useStaffApi();
  const loaded = useResource(async () => (await getSeries(api, surveyId)).filter((s) => s.id !== surveyId).sort((a, b) => a.wave - b.wave), [api, surveyId]);
  if (loaded.status === 'ready') return { state: 'loaded', surveys: loaded.data };
  if (loaded.status === 'error') return { state: 'failed', message: errorText(loaded.error, 'The other waves could not be found.') };
  return { state: 'loading' };
}

/**
 * The equality-monitoring groups to choose from. Results for one group leave out the demographic
 * questions, so while a group is chosen the choices come from the whole survey's results.
 */
export function useGroupChoices(surveyId: string, results: SurveyResults): GroupChoice[] {
  const api = useStaffApi();
  const own = useMemo(() => (results.group === null ? groupChoices(results) : null), [results]);
  const [fetched, setFetched] = useState<GroupChoice[] | null>(null);
  useEffect(() => {
    if (own || fetched) return;
    let current = true;
    getResults(api, surveyId, { level: 'force', group: null, within: null }).then(
      (everyone) => current && setFetched(groupChoices(everyone)),
      () => current && setFetched([]),
    );
    return () => {
      current = false;
    };
  }, [api, own, fetched, surveyId]);
  return own ?? fetched ?? [];
}
