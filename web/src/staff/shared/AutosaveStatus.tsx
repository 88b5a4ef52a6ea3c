/** The autosave's status line and its offer to put back changes a closed tab left unsaved. */
import { formatDate } from './dates.ts';
import { autosaveText, clockTime, type AutosaveStatus, type LocalCopy } from './useAutosave.ts';

/** "All changes saved 14:02", "Saving…", "Not saved: <reason>" with a way to try again. */
export function AutosaveStatusLine({ status, onRetry }: { status: AutosaveStatus; onRetry: () => void }) {
  const { headline, detail } = autosaveText(status);
  return (
    <span className="sv-autosave">
      <span role="status">
        <span className={`sv-save-state${status.state === 'saved' ? '' : ' sv-dirty'}`} data-testid="save-state">
          {headline}
        </span>
        {detail && <span className="sv-save-detail"> {detail}</span>}
      </span>
      {status.state === 'failed' && !status.conflict && (
        <button type="button" className="sv-button-secondary" onClick={onRetry}>
          Try saving again
        </button>
      )}
    </span>
  );
}

/**
 * "You have changes from 14:02 that were not saved": the copy this browser kept, to restore or
 * discard. `changedSince` says the server's draft was saved again after the copy was made.
 */
export function RestoreOffer({ copy, what, changedSince, onRestore, onDiscard }: { copy: LocalCopy<unknown>; what: string; changedSince: boolean; onRestore: () => void; onDiscard: () => void }) {
  const day = formatDate(copy.keptAt);
  return (
    <div className="sv-warning" role="region" aria-label="Unsaved changes found" data-testid="restore-offer">
      <p>
        <strong>
          This browser kept changes to {what} from {clockTime(copy.keptAt)} on {day} that were not saved
        </strong>{' '}
        (the page was closed or lost its connection before they reached WardPulse).
      </p>
      {changedSince && <p>The draft has been saved again since then. Restoring puts your kept changes in place of what is saved now.</p>}
      <div className="sv-dialog-actions">
        <button type="button" onClick={onRestore}>
          Restore my changes
        </button>
        <button type="button" className="sv-button-secondary" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}
