import { SlugSchema, TEMPLATES } from '@wardpulse/domain';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, unwrap } from '../../shared/api.ts';
import { Link, navigate } from '../../shared/navigation.tsx';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import type { Template } from './client.ts';
import { duplicateTitleWarning } from './labels.ts';
import { useSurveyTitles } from './useSurveyLabels.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { errorText, useDocumentTitle } from '../shared/ui.tsx';

type TemplateId = 'priorities' | 'impact-area' | 'blank';
type Field = 'template' | 'slug' | 'seriesId' | 'wave';

const BLANK: Template = { id: 'blank', name: 'Blank survey', description: 'Start with one question, “Where do you live?”, and add your own.', questions: 1 };
export const SLUG_HINT = 'Residents open the survey at /s/ followed by this. Use 3 to 60 lower-case letters, digits and hyphens, for example “sandwell-wave-3”.';

/** Checks a link name the way the API will, so the officer hears about it before sending. */
export function slugProblem(slug: string): string | undefined {
  if (!slug.trim()) return 'Enter a link name.';
  return SlugSchema.safeParse(slug).success ? undefined : 'The link name must be 3 to 60 lower-case letters, digits and hyphens, starting and ending with a letter or digit.';
}

export function CreateSurvey({ canEdit }: { canEdit: boolean }) {
  const id = useId();
  const { staff } = useStaffApi();
  const [form, setForm] = useState<{ template: TemplateId; slug: string; seriesId: string; wave: string }>({ template: 'priorities', slug: '', seriesId: '', wave: '1' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitFailure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  useDocumentTitle('Create a survey');
  const existing = useSurveyTitles();
  const series = [...new Set((existing.list ?? []).map((s) => s.seriesId))].sort();

  const loaded = useResource(async (): Promise<Template[]> => [...(await unwrap(staff.surveys.templates.$get({}))).templates, BLANK], [staff]);
  const templates = loaded.data ?? null;
  const failure = submitFailure ?? (loaded.status === 'error' ? errorText(loaded.error, 'Could not load the templates.') : null);

  if (!canEdit) {
    return (
      <>
        <h1>Create a survey</h1>
        <p>Only engagement officers and administrators can create surveys.</p>
        <Link to="/staff/surveys">Back to surveys</Link>
      </>
    );
  }

  const validate = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    const slug = slugProblem(form.slug);
    if (slug) found.slug = slug;
    if (form.seriesId && !SlugSchema.safeParse(form.seriesId).success) found.seriesId = 'The series name must be 3 to 60 lower-case letters, digits and hyphens.';
    const wave = Number(form.wave);
    if (!Number.isInteger(wave) || wave < 1 || wave > 99) found.wave = 'Enter a wave number from 1 to 99.';
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = validate();
    setErrors(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const created = await unwrap(
        staff.surveys.$post({ json: { template: form.template, slug: form.slug, wave: Number(form.wave), ...(form.seriesId ? { seriesId: form.seriesId } : {}) } }),
      );
      navigate(`/staff/surveys/${created.survey.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ slug: error.message });
      } else if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((issue) => [String(issue.path.at(-1)), issue.message])));
      } else {
        setFailure(errorText(error, 'Could not create the survey.'));
      }
      setAttempt((n) => n + 1);
    } finally {
      setSaving(false);
    }
  };

  const described = (field: Field) => `${id}-${field}-hint${errors[field] ? ` ${id}-${field}-error` : ''}`;
  const errorLine = (field: Field) =>
    errors[field] && (
      <span className="s-error" id={`${id}-${field}-error`}>
        <span className="s-visually-hidden">Error: </span>
        {errors[field]}
      </span>
    );
  // The new survey takes its template's title; warn (without blocking) if another survey has it.
  const startingTitle = form.template === 'blank' ? 'Untitled survey' : TEMPLATES[form.template].content.title.en;
  const sameTitle = duplicateTitleWarning(startingTitle, existing.titled, null);
  const summary = Object.entries(errors).filter((entry): entry is [Field, string] => Boolean(entry[1]));

  return (
    <>
      <p className="sv-back">
        <Link to="/staff/surveys">Back to surveys</Link>
      </p>
      <h1>Create a survey</h1>
      {summary.length > 0 && (
        <ErrorSummary
          look="staff"
          title="There is a problem"
          focusKey={attempt}
          items={summary.map(([field, message]) => ({
            key: field,
            text: message,
            href: `#${id}-${field}`,
            onSelect: () => document.getElementById(`${id}-${field}`)?.focus(),
          }))}
        />
      )}
      {failure && (
        <p className="s-alert" role="alert">
          {failure}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate className="sv-create">
        <fieldset className="s-fieldset">
          <legend>Start from</legend>
          {!templates && !failure && <p role="status">Loading templates…</p>}
          <div className="sv-radios">
            {templates?.map((template, index) => (
              <div className="sv-radio" key={template.id}>
                <input
                  type="radio"
                  name="template"
                  id={index === 0 ? `${id}-template` : `${id}-template-${template.id}`}
                  value={template.id}
                  checked={form.template === template.id}
                  onChange={() => setForm({ ...form, template: template.id as TemplateId })}
                  aria-describedby={`${id}-template-${template.id}-hint`}
                />
                <label htmlFor={index === 0 ? `${id}-template` : `${id}-template-${template.id}`}>
                  <strong>{template.name}</strong>
                  <span className="s-hint sv-block" id={`${id}-template-${template.id}-hint`}>
                    {template.description} {template.id !== 'blank' && `${template.questions} questions, in English, Urdu and Polish.`}
                  </span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField id={id} field="slug" label="Link name" hint={SLUG_HINT} error={errorLine('slug')} invalid={Boolean(errors.slug)}>
          <div className="sv-prefixed">
            <span className="sv-prefix" aria-hidden="true">
              /s/
            </span>
            <input
              id={`${id}-slug`}
              name="slug"
              autoComplete="off"
              spellCheck={false}
              value={form.slug}
              aria-describedby={described('slug')}
              aria-invalid={errors.slug ? true : undefined}
              onChange={(event) => setForm({ ...form, slug: event.target.value.toLowerCase() })}
            />
          </div>
        </TextField>
        <TextField
          id={id}
          field="seriesId"
          label="Series (optional)"
          hint="Waves of the same series are compared with each other. Leave empty to start a new series named after the link."
          error={errorLine('seriesId')}
         
          invalid={Boolean(errors.seriesId)}
        >
          <input
            id={`${id}-seriesId`}
            name="seriesId"
            list={`${id}-series-list`}
            autoComplete="off"
            spellCheck={false}
            value={form.seriesId}
            aria-describedby={described('seriesId')}
            aria-invalid={errors.seriesId ? true : undefined}
            onChange={(event) => setForm({ ...form, seriesId: event.target.value.toLowerCase() })}
          />
          <datalist id={`${id}-series-list`}>
            {series.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </TextField>
        <TextField id={id} field="wave" label="Wave" hint="1 for the first time this series runs, 2 for the next, and so on." error={errorLine('wave')} invalid={Boolean(errors.wave)}>
          <input
            id={`${id}-wave`}
            name="wave"
            className="s-input-short"
            inputMode="numeric"
            value={form.wave}
            aria-describedby={described('wave')}
            aria-invalid={errors.wave ? true : undefined}
            onChange={(event) => setForm({ ...form, wave: event.target.value })}
          />
        </TextField>
        {sameTitle && (
          <div className="sv-warning" role="status" data-testid="duplicate-title">
            <p>
              <strong>This survey will start with the title “{startingTitle}”.</strong> {sameTitle}
            </p>
            <p>You can change the title in “Survey details” once it is created.</p>
          </div>
        )}
        <button type="submit" disabled={saving || !templates}>
          {saving ? 'Creating…' : 'Create survey'}
        </button>
      </form>
    </>
  );
}

function TextField({ id, field, label, hint, error, invalid, children }: { id: string; field: Field; label: string; hint: string; error: ReactNode; invalid: boolean; children: ReactNode }) {
  return (
    <div className={`s-field${invalid ? ' s-field-error' : ''}`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <span className="s-hint" id={`${id}-${field}-hint`}>
        {hint}
      </span>
      {error}
      {children}
    </div>
  );
}
