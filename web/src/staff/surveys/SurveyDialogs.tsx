import type { Question } from '@wardpulse/domain';
import { Dialog } from '../shared/ui.tsx';
import type { SurveyDetail } from './client.ts';
import type { DialogState } from './editor-model.ts';

interface SurveyDialogsProps {
  dialog: DialogState;
  survey: SurveyDetail['survey'];
  questions: Question[];
  /** How many "Before you publish" warnings there are (publishing goes ahead anyway). */
  warnings: number;
  unsaved: boolean;
  onCancel: () => void;
  onPublish: () => void;
  onCloseSurvey: () => void;
  onDelete: (index: number) => void;
}

/** The designer's confirmations: publish this version, close the survey, delete a question. */
export function SurveyDialogs({ dialog, survey, questions, warnings, unsaved, onCancel, onPublish, onCloseSurvey, onDelete }: SurveyDialogsProps) {
  // Questions shown depending on the answer to question `index` (numbered from 1).
  const dependants = (index: number) => {
    const target = questions[index];
    return questions.flatMap((q, i) => (target && q.showIf?.questionId === target.id ? [i + 1] : []));
  };
  return (
    <>
    <Dialog open={dialog?.kind === 'publish'} title={`Publish version ${survey.draftVersion ?? ''}?`} onClose={onCancel}>
      <p>Residents will be able to answer it at /s/{survey.slug}{survey.publishedVersion > 0 ? `, in place of version ${survey.publishedVersion}` : ''}.</p>
      <p>A published version is frozen: its questions, options and translations can never change, so results and exports stay comparable. To change the survey later, choose “Edit (new version)”: that starts a new draft while this version stays live.</p>
      {warnings > 0 && <p>There {warnings === 1 ? 'is a warning' : 'are warnings'} listed under “Before you publish”; you can publish anyway.</p>}
      {unsaved && <p>Your unsaved changes will be saved first.</p>}
      <div className="sv-dialog-actions">
        <button type="button" className="sv-button-primary" onClick={onPublish}>
          Publish version {survey.draftVersion ?? ''}
        </button>
        <button type="button" className="sv-button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
    <Dialog open={dialog?.kind === 'close'} title="Close this survey?" onClose={onCancel}>
      <p>Residents will no longer be able to answer it. Responses already received and their results are kept.</p>
      <div className="sv-dialog-actions">
        <button type="button" className="sv-button-warning" onClick={onCloseSurvey}>
          Close survey
        </button>
        <button type="button" className="sv-button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
    <Dialog open={dialog?.kind === 'delete'} title="Delete this question?" onClose={onCancel}>
      {dialog?.kind === 'delete' && (
        <>
          <p>
            Question {dialog.index + 1}, “{questions[dialog.index]?.title.en}”, will be removed from this draft. Published versions keep it, and so do their results.
          </p>
          {dependants(dialog.index).length > 0 && <p>Question {dependants(dialog.index).join(', ')} is shown depending on its answer; you will need to change that condition.</p>}
          <div className="sv-dialog-actions">
            <button type="button" className="sv-button-warning" onClick={() => onDelete(dialog.index)}>
              Delete question
            </button>
            <button type="button" className="sv-button-secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Dialog>
    </>
  );
}
