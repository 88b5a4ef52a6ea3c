/** What an editor says after an action: done, failed, or refused because someone else changed the draft. */
import type { Notice } from './useDraftEditor.ts';

/**
 * The ok and error notices, and the conflict box: `changed` says who changed what, `reloadLabel`
 * names the button that loads the current version.
 */
export function EditorNotice({ notice, title, changed, reloadLabel, onReload }: { notice: Notice | null; title: string; changed: string; reloadLabel: string; onReload: () => void }) {
  if (notice?.kind === 'ok') {
    return (
      <p className="s-success" role="status" data-testid="notice">
        {notice.text}
      </p>
    );
  }
  if (notice?.kind === 'error') {
    return (
      <p className="s-alert" role="alert" data-testid="notice">
        {notice.text}
      </p>
    );
  }
  if (notice?.kind !== 'conflict') return null;
  return (
    <div className="s-alert" role="alert" data-testid="conflict">
      <h2 className="sv-summary-title">{title}</h2>
      <p>
        {changed}, so your changes were not saved. {notice.text}
      </p>
      <p>Reload to see the current version. This browser keeps a copy of your changes: after reloading you can restore them over it, or discard them.</p>
      <button type="button" onClick={onReload}>
        {reloadLabel}
      </button>
    </div>
  );
}
