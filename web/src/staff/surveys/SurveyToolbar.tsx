import type { AutosaveStatus } from '../shared/useAutosave.ts';
import { AutosaveStatusLine } from '../shared/AutosaveStatus.tsx';
import type { SurveyDetail } from './client.ts';
import type { DialogState } from './editor-model.ts';

interface SurveyToolbarProps {
  survey: SurveyDetail['survey'];
  editable: boolean;
  canEdit: boolean;
  hasDraft: boolean;
  busy: string | null;
  autosave: { status: AutosaveStatus; retry: () => void };
  onSave: () => void;
  onPublish: () => void;
  onEdit: () => void;
  onDialog: (dialog: DialogState) => void;
}

/** The designer's actions: the autosave line, save, publish, start a new version, close, duplicate as the next wave. */
export function SurveyToolbar({ survey, editable, canEdit, hasDraft, busy, autosave, onSave, onPublish, onEdit, onDialog }: SurveyToolbarProps) {
  return (
  <div className="sv-toolbar" role="group" aria-label="Survey actions">
    {editable && (
      <>
        <AutosaveStatusLine status={autosave.status} onRetry={autosave.retry} />
        <button type="button" onClick={onSave} aria-keyshortcuts="Control+S">
          {busy === 'save' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" className="sv-button-primary" onClick={onPublish}>
          {busy === 'publish' ? 'Publishing…' : `Publish version ${survey.draftVersion ?? ''}`}
        </button>
      </>
    )}
    {canEdit && !hasDraft && survey.status === 'published' && (
      <button type="button" onClick={onEdit}>
        Edit (new version)
      </button>
    )}
    {canEdit && survey.status === 'published' && (
      <button type="button" className="sv-button-warning" onClick={() => onDialog({ kind: 'close' })}>
        Close survey
      </button>
    )}
    {canEdit && (
      <button type="button" className="sv-button-secondary" onClick={() => onDialog({ kind: 'next-wave' })}>
        Duplicate as next wave
      </button>
    )}
  </div>  );
}

/** Why the survey cannot be edited here, when it cannot. */
export function ReadOnlyNote({ survey, canEdit, hasDraft }: { survey: SurveyDetail['survey']; canEdit: boolean; hasDraft: boolean }) {
  return (
    <>
  {!canEdit && <p className="sv-readonly">You can read this survey. Engagement officers and administrators change it.</p>}
  {canEdit && !hasDraft && (
    <p className="sv-readonly">
      {survey.status === 'closed'
        ? `This survey is closed. Version ${survey.publishedVersion} is kept as it was published. To run it again, duplicate it as the next wave.`
        : `Version ${survey.publishedVersion} is published and frozen: it cannot change, so its results stay comparable. To change the survey, choose “Edit (new version)”; this version stays live until you publish the new one.`}
    </p>
  )}    </>
  );
}
