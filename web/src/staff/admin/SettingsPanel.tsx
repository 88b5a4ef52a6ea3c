import { SETTING_LIMITS, type ForceSettingsInput } from '@wardpulse/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';

type FieldName = keyof ForceSettingsInput;
type Problem = { field: FieldName | null; message: string };
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; problems: Problem[] };

const FIELDS: { name: FieldName; label: string; hint: string; type: 'text' | 'number' }[] = [
  { name: 'forceName', label: 'Force or PCC name', hint: `Shown to residents at the top of every page: ${SETTING_LIMITS.forceName.min} to ${SETTING_LIMITS.forceName.max} characters.`, type: 'text' },
  {
    name: 'retentionDays',
    label: 'Retention days',
    hint: `How long each individual response is kept: a whole number of days from ${SETTING_LIMITS.retentionDays.min} to ${SETTING_LIMITS.retentionDays.max}. Ward totals are kept.`,
    type: 'number',
  },
  {
    name: 'disclosureThreshold',
    label: 'Disclosure threshold',
    hint: `Results from fewer respondents than this are withheld: a whole number from ${SETTING_LIMITS.disclosureThreshold.min} to ${SETTING_LIMITS.disclosureThreshold.max}. The field standard is 10.`,
    type: 'number',
  },
];

const isField = (name: unknown): name is FieldName => FIELDS.some((field) => field.name === name);

/** The API's issues, each tied to its field where it has one (`json.settings.retentionDays`). */
function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  return error.issues.map((issue) => {
    const name = issue.path.at(-1);
    return { field: isField(name) ? name : null, message: issue.message };
  });
}

/** Administrators: the force's settings, saved with optimistic concurrency; every problem shown beside its field. */
export function SettingsPanel() {
  const { staff } = useStaffApi();
  const [form, setForm] = useState<Record<FieldName, string> | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const id = useId();

  const stored = useResource(() => unwrap(staff.admin.settings.$get({})), [staff]);
  const current = stored.data;
  const version = current?.version ?? null;
  // What the server holds fills the form: on opening, and again after each save.
  useEffect(() => {
    if (current) setForm({ forceName: current.forceName, retentionDays: String(current.retentionDays), disclosureThreshold: String(current.disclosureThreshold) });
  }, [current]);
  const loadError = stored.status === 'error' && !current ? (stored.error instanceof Error ? stored.error.message : 'The settings could not be loaded. Reload the page to try again.') : null;

  useEffect(() => {
    if (outcome?.kind === 'error') summary.current?.focus();
  }, [outcome]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || version === null) return;
    setSaving(true);
    setOutcome(null);
    // Numbers go as typed (an empty box as NaN → null in JSON), so the API names what is wrong.
    const settings = { forceName: form.forceName, retentionDays: Number(form.retentionDays.trim() || Number.NaN), disclosureThreshold: Number(form.disclosureThreshold.trim() || Number.NaN) };
    try {
      const saved = await unwrap(staff.admin.settings.$put({ json: { expectedVersion: version, settings } }));
      await stored.reload();
      setOutcome({ kind: 'ok', text: `Saved as version ${saved.version}.` });
    } catch (error) {
      setOutcome({ kind: 'error', text: error instanceof Error ? error.message : 'The settings could not be saved. Try again.', problems: problemsOf(error) });
    } finally {
      setSaving(false);
    }
  };

  if (loadError) {
    return (
      <p className="s-alert" role="alert">
        {loadError}
      </p>
    );
  }
  if (!form) return <p role="status">Loading settings…</p>;
  const problems = outcome?.kind === 'error' ? outcome.problems : [];
  const fieldError = (name: FieldName) => problems.find((problem) => problem.field === name)?.message;

  return (
    <section aria-labelledby={`${id}-settings`}>
      <h2 id={`${id}-settings`}>Force settings</h2>
      {outcome?.kind === 'ok' && (
        <p className="s-success" role="status">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <div className="s-error-summary" ref={summary} tabIndex={-1} role="alert" aria-labelledby={`${id}-summary`} data-testid="error-summary">
          <h3 id={`${id}-summary`}>{problems.length > 0 ? (problems.length === 1 ? 'One setting needs changing' : `${problems.length} settings need changing`) : 'The settings were not saved'}</h3>
          {problems.length > 0 ? (
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.field ?? 'form'}-${problem.message}`}>
                  {problem.field ? <a href={`#${id}-${problem.field}`}>{problem.message}</a> : problem.message}
                </li>
              ))}
            </ul>
          ) : (
            <p>{outcome.text}</p>
          )}
        </div>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {FIELDS.map(({ name, label, hint, type }) => {
          const error = fieldError(name);
          return (
            <div key={name} className={`s-field${error ? ' s-field-error' : ''}`}>
              <label htmlFor={`${id}-${name}`}>{label}</label>
              <span className="s-hint" id={`${id}-${name}-hint`}>
                {hint}
              </span>
              {error && (
                <span className="s-error" id={`${id}-${name}-error`}>
                  <span className="s-visually-hidden">Error: </span>
                  {error}
                </span>
              )}
              <input
                id={`${id}-${name}`}
                name={name}
                type="text"
                inputMode={type === 'number' ? 'numeric' : undefined}
                className={type === 'number' ? 's-input-short' : undefined}
                value={form[name]}
                aria-describedby={`${id}-${name}-hint${error ? ` ${id}-${name}-error` : ''}`}
                aria-invalid={error ? true : undefined}
                onChange={(event) => setForm({ ...form, [name]: event.target.value })}
              />
            </div>
          );
        })}
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </section>
  );
}
