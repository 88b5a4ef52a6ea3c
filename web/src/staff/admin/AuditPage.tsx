import type { InferResponseType } from 'hono/client';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { api} from '../../shared/api.ts';
import { ApiError, unwrap } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import { ScrollRegion } from '../shared/ScrollRegion.tsx';

type AuditPageBody = InferResponseType<typeof api.api.staff.admin.audit.$get, 200>;
type Entry = AuditPageBody['events'][number];
type Filters = { actor: string; kind: string; from: string; to: string };

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

const dayText = (iso: string) => DAY.format(new Date(`${iso}T00:00:00Z`));

/** Administrators: who changed what and when, filtered by person, kind and dates, older entries a page at a time. */
export function AuditPage() {
  const { staff } = useStaffApi();
  const [filters, setFilters] = useState<Filters>({ actor: '', kind: '', from: '', to: '' });
  const [applied, setApplied] = useState<Filters>(filters);
  const [page, setPage] = useState<{ events: Entry[]; nextCursor: string | null; from: string; to: string; kinds: Record<string, string> } | null>(null);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const fetchPage = useCallback(
    async (wanted: Filters, cursor?: string) => {
      const query = {
        ...(wanted.actor.trim() ? { actor: wanted.actor.trim() } : {}),
        ...(wanted.kind ? { kind: wanted.kind } : {}),
        ...(wanted.from ? { from: wanted.from } : {}),
        ...(wanted.to ? { to: wanted.to } : {}),
        ...(cursor ? { cursor } : {}),
      } as Parameters<typeof api.api.staff.admin.audit.$get>[0]['query'];
      return unwrap(staff.admin.audit.$get({ query }));
    },
    [staff],
  );

  const load = useCallback(
    async (wanted: Filters) => {
      setBusy(true);
      setError(null);
      try {
        const body = await fetchPage(wanted);
        setPage(body);
        setApplied(wanted);
        // Show the dates the server used, so "the last 90 days" is visible in the boxes.
        setFilters({ ...wanted, from: wanted.from || body.from, to: wanted.to || body.to });
      } catch (caught) {
        const field = caught instanceof ApiError ? caught.issues[0]?.path.at(-1) : undefined;
        setError({ text: caught instanceof ApiError && caught.issues[0] ? caught.issues[0].message : caught instanceof Error ? caught.message : 'The audit trail could not be loaded.', ...(typeof field === 'string' ? { field } : {}) });
      } finally {
        setBusy(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load({ actor: '', kind: '', from: '', to: '' });
  }, [load]);

  const more = async () => {
    if (!page?.nextCursor) return;
    setBusy(true);
    try {
      const body = await fetchPage(applied, page.nextCursor);
      setPage({ ...body, events: [...page.events, ...body.events] });
    } catch (caught) {
      setError({ text: caught instanceof Error ? caught.message : 'Older entries could not be loaded.' });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filters);
  };

  const people = [...new Set(page?.events.map((entry) => entry.actor) ?? [])].sort();
  const kinds = page?.kinds ?? {};
  const invalid = (name: string) => (error?.field === name ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});

  return (
    <section aria-labelledby={`${id}-audit`}>
      <h2 id={`${id}-audit`}>Audit trail</h2>
      <p className="s-hint">Every change to settings, surveys, messages, exports and geography, newest first. Dates are UK time.</p>
      <form onSubmit={submit} aria-label="Filter the audit trail">
        <div className="s-field">
          <label htmlFor={`${id}-actor`}>Person (username)</label>
          <input id={`${id}-actor`} list={`${id}-people`} value={filters.actor} onChange={(event) => setFilters({ ...filters, actor: event.target.value })} autoComplete="off" {...invalid('actor')} />
          <datalist id={`${id}-people`}>
            {people.map((person) => (
              <option key={person} value={person} />
            ))}
          </datalist>
        </div>
        <div className="s-field">
          <label htmlFor={`${id}-kind`}>Kind of change</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(event) => setFilters({ ...filters, kind: event.target.value })} {...invalid('kind')}>
            <option value="">All kinds</option>
            {Object.entries(kinds).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="s-field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" value={filters.from} onChange={(event) => setFilters({ ...filters, from: event.target.value })} {...invalid('from')} />
        </div>
        <div className="s-field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={filters.to} onChange={(event) => setFilters({ ...filters, to: event.target.value })} {...invalid('to')} />
        </div>
        <button type="submit" disabled={busy}>
          Show changes
        </button>
      </form>
      {error && (
        <p className="s-alert" role="alert" id={`${id}-error`}>
          {error.text}
        </p>
      )}
      {!page && !error && <p role="status">Loading the audit trail…</p>}
      {page && (
        <>
          <p role="status" data-testid="audit-status">
            {page.events.length === 0
              ? `No changes match between ${dayText(page.from)} and ${dayText(page.to)}.`
              : `Showing ${page.events.length.toLocaleString('en-GB')} ${page.events.length === 1 ? 'change' : 'changes'} between ${dayText(page.from)} and ${dayText(page.to)}${page.nextCursor ? '; older ones follow' : ''}.`}
          </p>
          {page.events.length > 0 && (
            <ScrollRegion label="Audit trail, newest first">
              <table className="s-table" data-testid="audit-table">
                <caption className="s-visually-hidden">Audit trail, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  {page.events.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{WHEN.format(new Date(entry.at))}</time>
                      </td>
                      <td>{entry.actor}</td>
                      <td>{entry.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {page.nextCursor && (
            <button type="button" onClick={() => void more()} disabled={busy}>
              Show older changes
            </button>
          )}
        </>
      )}
    </section>
  );
}
