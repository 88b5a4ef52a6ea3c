/** Loads what `labels.ts` formats: every survey's title, and district and area names. */
import type { InferResponseType } from 'hono/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { api} from '../../shared/api.ts';
import { unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import type { SurveySummary } from './client.ts';
import type { AreaNames, TitledSurvey } from './labels.ts';
import { errorText } from '../shared/ui.tsx';

type Overview = InferResponseType<typeof api.api.staff.geography.$get, 200>;

/** Every survey with its title: a draft's is in the draft; a published survey's is in its version. */
export function useSurveyTitles() {
  const { staff } = useStaffApi();
  const [list, setList] = useState<SurveySummary[] | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { surveys: all } = await unwrap(staff.surveys.$get({}));
      setList(all);
      setProblem(null);
      const found = await Promise.all(
        all.map(async (s) => {
          if (s.draft) return [s.id, s.draft.title.en] as const;
          if (s.publishedVersion === 0) return [s.id, s.slug] as const;
          try {
            const version = await unwrap(staff.surveys[':id'].versions[':version'].$get({ param: { id: s.id, version: String(s.publishedVersion) } }));
            return [s.id, version.content.title.en] as const;
          } catch {
            return [s.id, s.slug] as const;
          }
        }),
      );
      setTitles(Object.fromEntries(found));
    } catch (error) {
      setProblem(errorText(error, 'Could not load the surveys.'));
    }
  }, [staff]);

  useEffect(() => {
    void load();
  }, [load]);

  const titled: TitledSurvey[] = (list ?? []).flatMap((s) => (titles[s.id] ? [{ id: s.id, title: titles[s.id]!, wave: s.wave }] : []));
  return { list, titles, titled, problem, reload: load };
}

/** District and area names from the live geography; null until loaded (or if it cannot be). */
export function useAreaNames(): AreaNames | null {
  const { staff } = useStaffApi();
  const geography = useResource((): Promise<Overview> => unwrap(staff.geography.$get({ query: {} })), [staff]);
  const overview = geography.data;
  return useMemo(
    () =>
      overview
        ? {
            districts: new Map(overview.districts.map((d) => [d.code, d.name])),
            areas: new Map(overview.areas.map((a) => [a.id, { name: a.name, kind: a.kind }])),
          }
        : null,
    [overview],
  );
}
