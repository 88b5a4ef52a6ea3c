/**
 * The skeleton the survey designer and the message composer share: a draft saved as the officer
 * goes (useAutosave), an explicit save (button and Ctrl+S) that first says what stops it, a 409
 * from the API shown as a conflict to reload, 400/422 issues shown as an error summary, other
 * failures as a notice, and one action at a time (save, publish, send…).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { formatTime } from './dates.ts';
import { errorText } from './ui.tsx';
import { useAutosave, type AutosaveOptions } from './useAutosave.ts';

export type Notice = { kind: 'ok' | 'error' | 'conflict'; text: string };

export interface DraftEditorOptions<T, P> extends Omit<AutosaveOptions<T>, 'describeError' | 'onError'> {
  /** The autosave line's reason after a 409, e.g. "someone else changed this survey. Reload it to see their version." */
  conflictReason: string;
  /** The API's 400/422 issues as the editor's problems, for the error summary (null: not such a refusal). */
  issueProblems: (error: ApiError) => P[] | null;
  /** Whether Ctrl+S saves (the draft is editable). */
  editable: boolean;
  /** What Ctrl+S does: the editor's own save. */
  onSaveShortcut: () => Promise<unknown>;
  /** A notice to open with (after "Duplicate as next wave" or a first save). */
  initialNotice?: string | null;
}

/**
 * @example
 * const editor = useDraftEditor<Edits, Problem, Busy>({ ...autosaveOptions, conflictReason, issueProblems, editable, onSaveShortcut: save });
 * await editor.saveDraft(problems, () => latest.current?.updatedAt);
 */
export function useDraftEditor<T, P, B extends string>(options: DraftEditorOptions<T, P>) {
  const { conflictReason, issueProblems, editable, initialNotice } = options;
  const [notice, setNotice] = useState<Notice | null>(() => (initialNotice ? { kind: 'ok', text: initialNotice } : null));
  const [summary, setSummary] = useState<{ title: string; problems: P[]; key: number } | null>(null);
  const [busy, setBusy] = useState<B | null>(null);
  const summaryKey = useRef(0);

  const showSummary = useCallback((title: string, problems: P[]) => {
    summaryKey.current += 1;
    setSummary({ title, problems, key: summaryKey.current });
  }, []);

  /** Shows why `action` ("save the draft", "publish") failed: a conflict, the API's issues, or a notice. */
  const failed = (error: unknown, action: string) => {
    const problems = error instanceof ApiError && error.issues.length > 0 ? issueProblems(error) : null;
    if (error instanceof ApiError && error.status === 409) setNotice({ kind: 'conflict', text: error.message });
    else if (error instanceof ApiError && problems) showSummary(error.message, problems);
    else setNotice({ kind: 'error', text: `Could not ${action}. ${errorText(error, '')}`.trim() });
  };

  const autosave = useAutosave<T>({
    ...options,
    describeError: (error) =>
      error instanceof ApiError && error.status === 409 ? { reason: conflictReason, conflict: true } : { reason: errorText(error, 'WardPulse could not be reached. Check your connection.'), conflict: false },
    onError: (error, explicit) => {
      if (explicit || (error instanceof ApiError && error.status === 409)) failed(error, 'save the draft');
    },
  });

  /** Runs one action, marked busy; buttons stay enabled (disabling a focused one drops focus), so callers check `busy` first. */
  const whileBusy = async <R>(kind: B, action: () => Promise<R>): Promise<R> => {
    setBusy(kind);
    try {
      return await action();
    } finally {
      setBusy(null);
    }
  };

  /** "Draft saved at 14:02:31." */
  const savedNotice = (at: string) => setNotice({ kind: 'ok', text: `Draft saved at ${formatTime(at, { seconds: true })}.` });

  /**
   * The Save button: says what stops the save (the problems the API would refuse), or saves now
   * and says when; `save` is the editor's own way to save (by default, the autosave's).
   */
  const saveDraft = async <R>(problems: P[], save: () => Promise<R>): Promise<R | null> => {
    if (problems.length > 0) {
      showSummary('The draft cannot be saved yet', problems);
      return null;
    }
    setNotice(null);
    setSummary(null);
    return whileBusy('save' as B, save);
  };

  const shortcut = useRef(options.onSaveShortcut);
  shortcut.current = options.onSaveShortcut;
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void shortcut.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [editable]);

  return { notice, setNotice, summary, setSummary, showSummary, busy, whileBusy, failed, autosave, saveDraft, savedNotice };
}
