import { TOPIC_LABELS, TOPICS, type MessageTargeting, type Topic } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import type { api} from '../../shared/api.ts';
import { unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';

type Overview = InferResponseType<typeof api.api.staff.geography.$get, 200>;
type Wards = InferResponseType<typeof api.api.staff.geography.wards.$get, 200>['wards'];
type Scope = MessageTargeting['scope']['scope'];

const SCOPES: { scope: Scope; label: string }[] = [
  { scope: 'force', label: 'Everyone signed up across the force' },
  { scope: 'districts', label: 'Some districts' },
  { scope: 'areas', label: 'Some Impact Areas or neighbourhood teams' },
  { scope: 'wards', label: 'Some wards' },
];

export const TARGETING_ID = 'message-targeting';

/** What the API would refuse: a scope with nothing chosen. */
export function targetingProblem(targeting: MessageTargeting): string | null {
  const { scope } = targeting;
  if (scope.scope === 'districts' && scope.codes.length === 0) return 'Choose at least one district, or everyone across the force.';
  if (scope.scope === 'areas' && scope.ids.length === 0) return 'Choose at least one area, or everyone across the force.';
  if (scope.scope === 'wards' && scope.codes.length === 0) return 'Choose at least one ward, or everyone across the force.';
  return null;
}

/** In words, for the send confirmation: "3 wards, residents interested in burglary or scams". */
export function targetingSummary(targeting: MessageTargeting): string {
  const { scope } = targeting;
  const places =
    scope.scope === 'force'
      ? 'the whole force area'
      : scope.scope === 'areas'
        ? `${scope.ids.length} ${scope.ids.length === 1 ? 'area' : 'areas'}`
        : `${scope.codes.length} ${scope.scope === 'wards' ? (scope.codes.length === 1 ? 'ward' : 'wards') : scope.codes.length === 1 ? 'district' : 'districts'}`;
  const topics = targeting.topics.length === 0 ? 'any topic' : targeting.topics.map((t) => TOPIC_LABELS[t].toLowerCase()).join(' or ');
  return `${places}, signed up for ${topics}`;
}

/** Who the message goes to: places (force, districts, areas or wards from the live geography) and topics. */
export function TargetingPicker({ targeting, readOnly, showError, onChange }: { targeting: MessageTargeting; readOnly: boolean; showError: boolean; onChange: (targeting: MessageTargeting) => void }) {
  const { staff } = useStaffApi();
  const geography = useResource(async (): Promise<{ overview: Overview; wards: Wards }> => {
    const [overview, wards] = await Promise.all([unwrap(staff.geography.$get({ query: {} })), unwrap(staff.geography.wards.$get({ query: {} }))]);
    return { overview, wards: wards.wards };
  }, [staff]);
  const overview = geography.data?.overview ?? null;
  const wards = geography.data?.wards ?? null;
  const failed = geography.status === 'error';

  const { scope } = targeting;
  const problem = showError ? targetingProblem(targeting) : null;
  const chosen = scope.scope === 'areas' ? scope.ids : scope.scope === 'force' ? [] : scope.codes;
  const noGeography = overview !== null && !overview.currentVintage;

  const choose = (next: Scope) => {
    if (next === scope.scope) return;
    onChange({ ...targeting, scope: next === 'force' ? { scope: 'force' } : next === 'areas' ? { scope: 'areas', ids: [] } : { scope: next, codes: [] } });
  };
  const toggle = (value: string, on: boolean) => {
    const list = on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value);
    if (scope.scope === 'areas') onChange({ ...targeting, scope: { scope: 'areas', ids: list } });
    else if (scope.scope !== 'force') onChange({ ...targeting, scope: { scope: scope.scope, codes: list } });
  };
  const toggleTopic = (topic: Topic, on: boolean) => onChange({ ...targeting, topics: TOPICS.filter((t) => (t === topic ? on : targeting.topics.includes(t))) });

  const groups: { label: string; choices: { value: string; label: string }[] }[] =
    scope.scope === 'districts'
      ? [{ label: 'Districts', choices: (overview?.districts ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.wardCount} wards)` })) }]
      : scope.scope === 'areas'
        ? [{ label: 'Areas', choices: (overview?.areas ?? []).map((a) => ({ value: a.id, label: `${a.name} — ${a.kind === 'impact-area' ? 'Impact Area' : 'neighbourhood team'}, ${a.wardCodes.length} wards` })) }]
        : scope.scope === 'wards'
          ? [...new Set((wards ?? []).map((w) => w.districtName))].map((district) => ({
              label: district,
              choices: (wards ?? []).filter((w) => w.districtName === district).map((w) => ({ value: w.code, label: w.name })),
            }))
          : [];

  return (
    <div className="ms-targeting">
      <fieldset className={`s-fieldset${problem ? ' s-field-error' : ''}`} id={TARGETING_ID} disabled={readOnly} aria-describedby={problem ? `${TARGETING_ID}-error` : undefined}>
        <legend>Who it goes to</legend>
        {problem && (
          <p className="s-error" id={`${TARGETING_ID}-error`}>
            <span className="s-visually-hidden">Error: </span>
            {problem}
          </p>
        )}
        <div className="sv-radios">
          {SCOPES.map(({ scope: value, label }) => (
            <div className="sv-radio" key={value}>
              <input type="radio" id={`${TARGETING_ID}-${value}`} name={`${TARGETING_ID}-scope`} checked={scope.scope === value} disabled={value !== 'force' && noGeography} onChange={() => choose(value)} />
              <label htmlFor={`${TARGETING_ID}-${value}`}>{label}</label>
            </div>
          ))}
        </div>
        {noGeography && <p className="s-hint">No wards have been imported yet, so the message can only go to everyone.</p>}
        {failed && <p className="s-hint">The districts, areas and wards could not be loaded; the current choice is kept.</p>}
        {groups.length > 0 && (
          <div className="sv-target-choices ms-target-choices">
            {groups.map((group) => (
              <div role="group" aria-label={group.label} key={group.label}>
                {scope.scope === 'wards' && <p className="ms-group-label">{group.label}</p>}
                {group.choices.map((choice) => (
                  <div className="sv-check" key={choice.value}>
                    <input type="checkbox" id={`${TARGETING_ID}-${choice.value}`} checked={chosen.includes(choice.value)} onChange={(event) => toggle(choice.value, event.target.checked)} />
                    <label htmlFor={`${TARGETING_ID}-${choice.value}`}>{choice.label}</label>
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="s-fieldset" disabled={readOnly} aria-describedby="message-topics-hint">
        <legend>Topics</legend>
        <p className="s-hint" id="message-topics-hint">
          Only residents who chose one of these topics get it. Choose none to send to everyone in the places above.
        </p>
        <div className="ms-topic-grid">
          {TOPICS.map((topic) => (
            <div className="sv-check" key={topic}>
              <input type="checkbox" id={`message-topic-${topic}`} checked={targeting.topics.includes(topic)} onChange={(event) => toggleTopic(topic, event.target.checked)} />
              <label htmlFor={`message-topic-${topic}`}>{TOPIC_LABELS[topic]}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
