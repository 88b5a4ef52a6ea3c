import type { Targeting } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import type { api} from '../../shared/api.ts';
import { unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { fieldDomId, type Problem } from './problems.ts';

type Overview = InferResponseType<typeof api.api.staff.geography.$get, 200>;
type Scope = Targeting['scope'];

const SCOPES: { scope: Scope; label: string }[] = [
  { scope: 'force', label: 'The whole force area' },
  { scope: 'districts', label: 'Some districts' },
  { scope: 'areas', label: 'Some Impact Areas or neighbourhood teams' },
];

/** What the API will refuse: a scope with nothing chosen. */
export function targetingProblems(targeting: Targeting): Problem[] {
  if (targeting.scope === 'districts' && targeting.codes.length === 0) return [{ path: ['targeting'], message: 'Choose at least one district, or the whole force.', severity: 'error' }];
  if (targeting.scope === 'areas' && targeting.ids.length === 0) return [{ path: ['targeting'], message: 'Choose at least one area, or the whole force.', severity: 'error' }];
  if (targeting.scope === 'wards' && targeting.codes.length === 0) return [{ path: ['targeting'], message: 'Choose at least one ward, or the whole force.', severity: 'error' }];
  return [];
}

/**
 * Who the survey is for: the whole force, districts, or Impact Areas and neighbourhood teams,
 * from the live geography. Responses from elsewhere are still kept, but flagged.
 */
export function TargetingEditor({ targeting, readOnly, onChange }: { targeting: Targeting; readOnly: boolean; onChange: (targeting: Targeting) => void }) {
  const { staff } = useStaffApi();
  const geography = useResource((): Promise<Overview> => unwrap(staff.geography.$get({ query: {} })), [staff]);
  const overview = geography.data ?? null;
  const failed = geography.status === 'error';
  const base = fieldDomId(['targeting']);

  const problem = targetingProblems(targeting)[0]?.message;
  const choose = (scope: Scope) => {
    if (scope === targeting.scope) return;
    onChange(scope === 'force' ? { scope } : scope === 'areas' ? { scope, ids: [] } : { scope, codes: [] });
  };
  const toggle = (value: string, on: boolean) => {
    if (targeting.scope === 'areas') onChange({ scope: 'areas', ids: on ? [...targeting.ids, value] : targeting.ids.filter((id) => id !== value) });
    else if (targeting.scope !== 'force') onChange({ ...targeting, codes: on ? [...targeting.codes, value] : targeting.codes.filter((code) => code !== value) });
  };
  const choices: { value: string; label: string }[] =
    targeting.scope === 'districts'
      ? (overview?.districts ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.wardCount} wards)` }))
      : targeting.scope === 'areas'
        ? (overview?.areas ?? []).map((a) => ({ value: a.id, label: `${a.name} — ${a.kind === 'impact-area' ? 'Impact Area' : 'neighbourhood team'}, ${a.wardCodes.length} wards` }))
        : [];
  const chosen = targeting.scope === 'areas' ? targeting.ids : targeting.scope === 'force' ? [] : targeting.codes;
  const noGeography = overview !== null && !overview.currentVintage;

  return (
    <fieldset className={`s-fieldset sv-targeting${problem ? ' s-field-error' : ''}`} id={base} disabled={readOnly}>
      <legend>Who it is for</legend>
      <p className="s-hint" id={`${base}-hint`}>
        Residents outside these places can still answer; their responses are kept but flagged as outside the area.
      </p>
      {problem && (
        <p className="s-error" id={`${base}-error`}>
          <span className="s-visually-hidden">Error: </span>
          {problem}
        </p>
      )}
      <div className="sv-radios">
        {SCOPES.map(({ scope, label }) => (
          <div className="sv-radio" key={scope}>
            <input type="radio" id={`${base}-${scope}`} name={`${base}-scope`} checked={targeting.scope === scope} disabled={scope !== 'force' && noGeography} onChange={() => choose(scope)} />
            <label htmlFor={`${base}-${scope}`}>{label}</label>
          </div>
        ))}
        {targeting.scope === 'wards' && (
          <div className="sv-radio">
            <input type="radio" id={`${base}-wards`} name={`${base}-scope`} checked readOnly />
            <label htmlFor={`${base}-wards`}>Particular wards ({targeting.codes.length})</label>
          </div>
        )}
      </div>
      {noGeography && <p className="s-hint">No wards have been imported yet, so the survey can only be for the whole force.</p>}
      {failed && <p className="s-hint">The districts and areas could not be loaded; the current choice is kept.</p>}
      {choices.length > 0 && (
        <div className="sv-target-choices" role="group" aria-label={targeting.scope === 'districts' ? 'Districts' : 'Areas'}>
          {choices.map((choice) => (
            <div className="sv-check" key={choice.value}>
              <input type="checkbox" id={`${base}-${choice.value}`} checked={chosen.includes(choice.value)} onChange={(event) => toggle(choice.value, event.target.checked)} aria-describedby={problem ? `${base}-error` : undefined} />
              <label htmlFor={`${base}-${choice.value}`}>{choice.label}</label>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
