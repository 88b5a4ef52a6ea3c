/** The survey the designer edits: loaded from the API, the officer's edits beside it, whether they differ and what the API would say of them. */
import { checkDraft, trackTranslations, type SurveyContent, type Targeting } from '@wardpulse/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { unwrap } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import { canonical } from '../shared/canonical.ts';
import { errorText } from '../shared/ui.tsx';
import type { SurveyDetail } from './client.ts';
import { datesChanged, datesFromSurvey, datesProblems, type Dates } from './DetailsEditor.tsx';
import { fromChecks, schemaProblems, type Problem } from './problems.ts';
import { normalised } from './editor-model.ts';
import { targetingProblems } from './TargetingEditor.tsx';

export function useSurveyDraft(id: string, canEdit: boolean) {
  const [detail, setDetail] = useState<SurveyDetail | null>(null);
  const [content, setContentState] = useState<SurveyContent | null>(null);
  /** Every edit keeps the translation fingerprints: rewording English marks its translations out of date. */
  const setContent = useCallback((next: SurveyContent) => setContentState((previous) => (previous ? trackTranslations(previous, next) : next)), []);
  const [dates, setDates] = useState<Dates>({ opensAt: '', closesAt: '' });
  const [targeting, setTargeting] = useState<Targeting>({ scope: 'force' });
  const { staff } = useStaffApi();
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const survey = detail?.survey;
  const storedDraft = survey?.draft ?? null;
  const draft = useMemo(() => (storedDraft ? normalised(storedDraft) : null), [storedDraft]);
  const editable = canEdit && draft !== null;
  /** The survey as last saved, even before React has shown it: the next save sends its revision. */
  const latest = useRef<SurveyDetail['survey'] | null>(null);
  /** Takes what the API says; keeps the editor's text unless asked to replace it. */
  const adopt = useCallback(
    async (next: SurveyDetail, replaceContent: boolean) => {
      setDetail(next);
      latest.current = next.survey;
      if (!replaceContent) return;
      setDates(datesFromSurvey(next.survey));
      setTargeting(next.survey.targeting);
      if (next.survey.draft) {
        setContentState(normalised(next.survey.draft));
      } else if (next.survey.publishedVersion > 0) {
        const version = await unwrap(staff.surveys[':id'].versions[':version'].$get({ param: { id: next.survey.id, version: String(next.survey.publishedVersion) } }));
        setContentState(version.content);
      }
    },
    [staff],
  );

  const load = useCallback(async () => {
    try {
      await adopt(await unwrap(staff.surveys[':id'].$get({ param: { id } })), true);
      setLoadProblem(null);
    } catch (error) {
      setLoadProblem(errorText(error, 'Could not load the survey.'));
    }
  }, [adopt, id, staff]);

  useEffect(() => {
    void load();
  }, [load]);

  const targetingChanged = survey !== undefined && canonical(targeting) !== canonical(survey.targeting);
  const dirty = useMemo(() => editable && content !== null && draft !== null && (canonical(content) !== canonical(draft) || datesChanged(dates, survey!) || targetingChanged), [content, dates, draft, editable, survey, targetingChanged]);

  // The same checks the API runs (it shares the domain's `checkDraft`), updated as the officer types.
  const problems = useMemo<Problem[]>(() => {
    if (!content || !editable || !detail) return [];
    if (!dirty) return fromChecks(detail.checks);
    const broken = schemaProblems(content);
    return [...broken, ...datesProblems(dates), ...targetingProblems(targeting), ...(broken.length ? [] : fromChecks(checkDraft(content)))];
  }, [content, dates, detail, dirty, editable, targeting]);

  return { detail, survey, content, setContent, setContentState, dates, setDates, targeting, setTargeting, loadProblem, draft, editable, dirty, problems, latest, adopt, load };
}
