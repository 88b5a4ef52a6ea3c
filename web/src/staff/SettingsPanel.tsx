import type { AuditEvent, ForceSettingsInput } from '@wardpulse/domain';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api.ts';

type Loaded = { settings: ForceSettingsInput; version: number; audit: AuditEvent[] };

/** Administrators: the force's settings (with optimistic concurrency) and the audit trail. */
export function SettingsPanel({ token }: { token: string }) {
  const headers = { Authorization: `Bearer ${token}` };
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setForm] = useState<ForceSettingsInput | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; fields?: Record<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const reload = useCallback(async () => {
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const [current, audit] = await Promise.all([
      unwrap(api.api.staff.admin.settings.$get({}, auth)),
      unwrap(api.api.staff.admin.audit.$get({ query: {} }, auth)),
    ]);
    const settings = { forceName: current.forceName, retentionDays: current.retentionDays, disclosureThreshold: current.disclosureThreshold };
    setLoaded({ settings, version: current.version, audit: audit.events });
    setForm(settings);
  }, [token]);

  useEffect(() => {
    reload().catch((error: unknown) => setMessage({ kind: 'error', text: error instanceof Error ? error.message : 'Could not load settings.' }));
  }, [reload]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || !loaded) return;
    setSaving(true);
    setMessage(null);
    try {
      const saved = await unwrap(api.api.staff.admin.settings.$put({ json: { expectedVersion: loaded.version, settings: form } }, { headers }));
      await reload();
      setMessage({ kind: 'ok', text: `Saved as version ${saved.version}.` });
    } catch (error) {
      const fields = error instanceof ApiError ? Object.fromEntries(error.issues.map((issue) => [String(issue.path.at(-1)), issue.message])) : {};
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : 'Could not save.', fields });
    } finally {
      setSaving(false);
    }
  };

  if (!form || !loaded) return <p role="status">{message?.text ?? 'Loading settings…'}</p>;
  const fieldError = (name: keyof ForceSettingsInput) => message?.fields?.[name];
  const field = (name: keyof ForceSettingsInput, label: string, hint: string, type: 'text' | 'number') => (
    <div className={`s-field${fieldError(name) ? ' s-field-error' : ''}`}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <span className="s-hint" id={`${id}-${name}-hint`}>
        {hint}
      </span>
      {fieldError(name) && (
        <span className="s-error" id={`${id}-${name}-error`}>
          {fieldError(name)}
        </span>
      )}
      <input
        id={`${id}-${name}`}
        name={name}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={form[name]}
        aria-describedby={`${id}-${name}-hint${fieldError(name) ? ` ${id}-${name}-error` : ''}`}
        aria-invalid={fieldError(name) ? true : undefined}
        onChange={(event) => setForm({ ...form, [name]: type === 'number' ? Number(event.target.value) : event.target.value })}
      />
    </div>
  );

  return (
    <>
      <section aria-labelledby={`${id}-settings`}>
        <h2 id={`${id}-settings`}>Force settings</h2>
        {message && (
          <p className={message.kind === 'ok' ? 's-success' : 's-alert'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          {field('forceName', 'Force or PCC name', 'Shown to residents at the top of every page.', 'text')}
          {field('retentionDays', 'Keep individual responses for (days)', 'Between 30 and 3650. Ward totals are kept.', 'number')}
          {field('disclosureThreshold', 'Suppress results below (respondents)', 'Between 3 and 100. The field standard is 10.', 'number')}
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </form>
      </section>
      <section aria-labelledby={`${id}-audit`}>
        <h2 id={`${id}-audit`}>Audit trail this month</h2>
        {loaded.audit.length === 0 ? (
          <p className="s-muted">Nothing has been changed this month.</p>
        ) : (
          <table className="s-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {loaded.audit.map((event) => (
                <tr key={event.id}>
                  <td>{new Date(event.at).toLocaleString('en-GB')}</td>
                  <td>{event.actor}</td>
                  <td>{event.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
