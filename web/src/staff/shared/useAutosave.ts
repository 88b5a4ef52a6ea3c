/**
 * Saves an editor's draft as the officer goes: shortly after the last change, one save at a time,
 * with the editor's own optimistic-concurrency save (a stale revision is refused with 409 and the
 * editor offers to reload). Until the server accepts the changes a copy is kept in this browser,
 * so a closed tab or a crash can be recovered; leaving with unsaved changes asks first.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatTime } from './dates.ts';
import { useUnsavedGuard } from './hooks.ts';

/** How long typing must pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1_500;

export type AutosaveStatus =
  | { state: 'saved'; at: string | null }
  | { state: 'pending' }
  | { state: 'saving' }
  /** The draft cannot be saved as it stands (the server would refuse it); saved once fixed. */
  | { state: 'held'; reason: string }
  | { state: 'failed'; reason: string; conflict: boolean };

/** The copy kept in this browser until the server has the changes. */
export interface LocalCopy<T> {
  keptAt: string;
  /** The server revision the changes were made on. */
  revision: number | null;
  value: T;
}

export interface AutosaveOptions<T> {
  /** Where the unsaved copy is kept (one key per draft), or null to keep none. */
  storageKey: string | null;
  /** The editor has loaded what the server holds, so copies can be compared and kept. */
  ready: boolean;
  /** Whether to save to the server as the officer goes (off for a draft that does not exist yet). */
  autosave: boolean;
  value: T;
  /** The value differs from what the server holds. */
  dirty: boolean;
  /** Why the value cannot be saved as it stands, in plain words, or null. */
  blocker: string | null;
  /** The server revision the editor holds, kept with the local copy. */
  revision: number | null;
  /** When the server last saved the draft (ISO), for "All changes saved 14:02". */
  savedAt: string | null;
  /** Saves the current value with the editor's own request; throws when the server refuses. */
  save: () => Promise<void>;
  /** Whether a kept copy is the same as what the server holds (then it is not offered back). */
  isSaved: (value: T) => boolean;
  /** A failed save, in words; `conflict` stops saving until the editor reloads. */
  describeError: (error: unknown) => { reason: string; conflict: boolean };
  /** Told of every failed save, e.g. to show the reload box on a conflict. */
  onError?: (error: unknown, explicit: boolean) => void;
  /** "this survey": for the leave-without-saving question. */
  what: string;
  delayMs?: number;
}

function readCopy<T>(key: string): LocalCopy<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalCopy<T>>;
    return typeof parsed.keptAt === 'string' && 'value' in parsed ? (parsed as LocalCopy<T>) : null;
  } catch {
    return null;
  }
}

// Storage can be full or switched off (private windows): the server save still works without it.
function writeCopy<T>(key: string, copy: LocalCopy<T>) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    /* no local copy this time */
  }
}

function removeCopy(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing to remove */
  }
}

/** "14:02", in the officer's own time zone. */
export const clockTime = (iso: string) => formatTime(iso);

/**
 * The status line's words: `headline` is what has happened, `detail` an optional second part.
 * @example
 * autosaveText({ state: 'saved', at: '2026-12-02T14:02:00Z' }) // { headline: 'All changes saved', detail: '14:02' } (in London)
 */
export function autosaveText(status: AutosaveStatus): { headline: string; detail: string | null } {
  switch (status.state) {
    case 'saved':
      return { headline: 'All changes saved', detail: status.at ? clockTime(status.at) : null };
    case 'pending':
      return { headline: 'Unsaved changes', detail: null };
    case 'saving':
      return { headline: 'Saving…', detail: null };
    case 'held':
      return { headline: `Not saved: ${status.reason}`, detail: null };
    case 'failed':
      return status.conflict ? { headline: 'Unsaved changes', detail: `Not saved: ${status.reason}` } : { headline: `Not saved: ${status.reason}`, detail: null };
  }
}

/**
 * The autosave of one editor.
 * @example
 * const autosave = useAutosave({ storageKey: `wardpulse:draft:survey:${id}`, ready, autosave: editable, value, dirty, blocker, revision, savedAt, save, isSaved, describeError, what: 'this survey' });
 * autosave.status // { state: 'saving' }
 */
export function useAutosave<T>(options: AutosaveOptions<T>) {
  const { storageKey, ready, autosave, value, dirty, blocker, savedAt, what } = options;
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const latest = useRef(options);
  latest.current = options;
  const serial = JSON.stringify(value);

  const [phase, setPhase] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; reason: string; conflict: boolean }>({ kind: 'idle' });
  const [kick, setKick] = useState(0);
  /** Bumped after a reload, so the kept copy is looked at again. */
  const [epoch, setEpoch] = useState(0);
  const [restorable, setRestorable] = useState<LocalCopy<T> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const again = useRef(false);
  /** The key whose kept copy has been read (and offered back, if it differed). */
  const checked = useRef<string | null>(null);
  const offered = useRef<LocalCopy<T> | null>(null);
  const conflict = phase.kind === 'failed' && phase.conflict;

  const offer = useCallback((copy: LocalCopy<T> | null) => {
    offered.current = copy;
    setRestorable(copy);
  }, []);

  // Once the server's draft is loaded, offer back a copy a closed tab left behind.
  useEffect(() => {
    if (!ready || !storageKey || checked.current === storageKey) return;
    checked.current = storageKey;
    const copy = readCopy<T>(storageKey);
    if (copy && !latest.current.isSaved(copy.value)) offer(copy);
    else if (copy) removeCopy(storageKey);
  }, [epoch, offer, ready, storageKey]);

  // Keep the unsaved changes in this browser; forget them once the server has them.
  useEffect(() => {
    if (!ready || !storageKey || checked.current !== storageKey) return;
    if (dirty) writeCopy(storageKey, { keptAt: new Date().toISOString(), revision: latest.current.revision, value: latest.current.value });
    // After a conflict the copy is all that is left of the changes: keep it to offer after the reload.
    else if (!offered.current && phase.kind === 'idle') removeCopy(storageKey);
  }, [dirty, phase.kind, ready, serial, storageKey]);

  // A failure no longer matters once the changes are undone.
  useEffect(() => {
    if (!dirty && phase.kind === 'failed' && !phase.conflict) setPhase({ kind: 'idle' });
  }, [dirty, phase]);

  const run = useCallback(async (explicit: boolean): Promise<boolean> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const attempt = (async () => {
      setPhase({ kind: 'saving' });
      try {
        await latest.current.save();
        setPhase({ kind: 'idle' });
        return true;
      } catch (error) {
        setPhase({ kind: 'failed', ...latest.current.describeError(error) });
        latest.current.onError?.(error, explicit);
        return false;
      } finally {
        inFlight.current = null;
        // Changes made while saving go in the next save, once the editor holds the new revision.
        if (again.current) {
          again.current = false;
          setKick((n) => n + 1);
        }
      }
    })();
    inFlight.current = attempt;
    return attempt;
  }, []);

  useEffect(() => {
    if (!ready || !autosave || !dirty || blocker || conflict) return;
    const timer = window.setTimeout(() => void run(false), delay);
    return () => window.clearTimeout(timer);
  }, [autosave, blocker, conflict, delay, dirty, kick, ready, run, serial]);

  useUnsavedGuard(ready && (dirty || phase.kind === 'saving'), what);

  /** Saves now (the Save button, Ctrl+S, before publishing); resolves false if it was not saved. */
  const saveNow = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    if (!latest.current.dirty) return true;
    return run(true);
  }, [run]);

  /** After the editor reloads the server's version (the conflict flow): save again, offer the kept copy. */
  const resume = useCallback(() => {
    setPhase({ kind: 'idle' });
    checked.current = null;
    setEpoch((n) => n + 1);
  }, []);

  /** Puts the kept copy back into the editor (which then saves it). */
  const restore = useCallback(
    (apply: (value: T) => void) => {
      const copy = offered.current;
      offer(null);
      if (copy) apply(copy.value);
    },
    [offer],
  );

  /** Forgets the kept copy. */
  const discard = useCallback(() => {
    offer(null);
    if (latest.current.storageKey) removeCopy(latest.current.storageKey);
  }, [offer]);

  const status: AutosaveStatus =
    phase.kind === 'saving'
      ? { state: 'saving' }
      : phase.kind === 'failed'
        ? { state: 'failed', reason: phase.reason, conflict: phase.conflict }
        : dirty && blocker
          ? { state: 'held', reason: blocker }
          : dirty
            ? { state: 'pending' }
            : { state: 'saved', at: savedAt };

  return { status, saveNow, retry: () => void run(true), resume, restorable, restore, discard };
}
