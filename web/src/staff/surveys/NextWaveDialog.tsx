import { useEffect, useState, type FormEvent } from 'react';
import { unwrap } from '../../shared/api.ts';
import { useStaffApi } from '../shared/api.tsx';
import type { SurveyDetail } from './client.ts';
import { slugProblem, SLUG_HINT } from './CreateSurvey.tsx';
import { Dialog, errorText } from '../shared/ui.tsx';

/** "Duplicate as next wave": asks for the new wave's link name; a taken one is shown on the field. */
export function NextWaveDialog({
  open,
  surveyId,
  slug,
  wave,
  unsaved,
  onClose,
  onCreated,
}: {
  open: boolean;
  surveyId: string;
  slug: string;
  wave: number;
  unsaved: boolean;
  onClose: () => void;
  onCreated: (detail: SurveyDetail) => void;
}) {
  const { staff } = useStaffApi();
  const suggested = /-wave-\d+$/.test(slug) ? slug.replace(/-wave-\d+$/, `-wave-${wave + 1}`) : `${slug}-wave-${wave + 1}`.slice(0, 60);
  const [value, setValue] = useState(suggested);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) {
      setValue(suggested);
      setError(null);
    }
  }, [open, suggested]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = slugProblem(value);
    if (problem) {
      setError(problem);
      document.getElementById('sv-next-wave-slug')?.focus();
      return;
    }
    setSaving(true);
    try {
      onCreated(await unwrap(staff.surveys[':id']['next-wave'].$post({ param: { id: surveyId }, json: { slug: value } })));
    } catch (caught) {
      setError(errorText(caught, 'Could not create the next wave.'));
      document.getElementById('sv-next-wave-slug')?.focus();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open={open} title={`Duplicate as wave ${wave + 1}`} onClose={onClose}>
      <p>The new wave starts as a draft with the same questions and the same question ids, so its results compare with this wave’s. This survey is not changed.</p>
      <p>It copies the published version if there is one, otherwise the saved draft.{unsaved ? ' Your unsaved changes are not copied: save them first if the new wave needs them.' : ''}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className={`s-field${error ? ' s-field-error' : ''}`}>
          <label htmlFor="sv-next-wave-slug">Link name for the new wave</label>
          <span className="s-hint" id="sv-next-wave-slug-hint">
            {SLUG_HINT}
          </span>
          {error && (
            <span className="s-error" id="sv-next-wave-slug-error">
              <span className="s-visually-hidden">Error: </span>
              {error}
            </span>
          )}
          <input
            id="sv-next-wave-slug"
            value={value}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={`sv-next-wave-slug-hint${error ? ' sv-next-wave-slug-error' : ''}`}
            onChange={(event) => setValue(event.target.value.toLowerCase())}
          />
        </div>
        <div className="sv-dialog-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Creating…' : `Create wave ${wave + 1}`}
          </button>
          <button type="button" className="sv-button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
