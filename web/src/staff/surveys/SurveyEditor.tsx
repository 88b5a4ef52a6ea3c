import { checkDraft, trackTranslations, type Locale, type Question, type SurveyContent, type Targeting } from '@wardpulse/domain';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { unwrap } from '../../shared/api.ts';
import { AutosaveStatusLine, RestoreOffer } from '../shared/AutosaveStatus.tsx';
import { EditorNotice } from '../shared/EditorNotice.tsx';
import { useDraftEditor } from '../shared/useDraftEditor.ts';
import { Link, navigate } from '../../shared/navigation.tsx';
import { resultsPath } from '../results/query-state.ts';
import { useStaffApi } from '../shared/api.tsx';
import { statusText, type SurveyDetail } from './client.ts';
import {
  apiProblems,
  describePath,
  fieldDomId,
  fromChecks,
  missingCounts,
  move,
  outdatedCounts,
  problemQuestion,
  problemView,
  schemaProblems,
  summariseProblems,
  translationDomId,
  type Path,
  type Problem,
} from './draft.ts';
import { AddQuestion } from './AddQuestion.tsx';
import { ChecksPanel } from './ChecksPanel.tsx';
import { DetailsEditor, datesChanged, datesFromSurvey, datesProblems, datesToSave, type Dates } from './DetailsEditor.tsx';
import { NextWaveDialog } from './NextWaveDialog.tsx';
import { PhonePreview, type Selection } from './PhonePreview.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { targetingProblems } from './TargetingEditor.tsx';
import { TranslationsView } from './TranslationsView.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import { dayInputsText, duplicateTitleWarning, targetText } from './labels.ts';
import { useAreaNames, useSurveyTitles } from './useSurveyLabels.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { Dialog, errorText, useDocumentTitle } from '../shared/ui.tsx';
import { CopyLink } from './CopyLink.tsx';

type View = 'questions' | 'translations';
type Busy = null | 'save' | 'publish' | 'edit' | 'close';
type DialogState = null | { kind: 'publish' } | { kind: 'close' } | { kind: 'next-wave' } | { kind: 'delete'; index: number };

/** A message for the page the designer opens next (after "Duplicate as next wave"). */
let flash: string | null = null;

/** Key order differs between what the editor builds and what the API returns, so compare canonically. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the editor holds besides the questions, saved with them. */
interface Edits {
  content: SurveyContent;
  dates: Dates;
  targeting: Targeting;
}

/** A draft as the editor compares it: with a fingerprint for every translation, as the API stores it. */
const normalised = (content: SurveyContent) => trackTranslations(content, content);

/** What stops the edits being saved: the API would refuse them. */
const editsProblems = (edits: Edits): Problem[] => [...schemaProblems(edits.content), ...datesProblems(edits.dates), ...targetingProblems(edits.targeting)];

/** Focuses the field at a path, or the nearest enclosing one the page shows. */
function focusPath(path: Path, view: View) {
  const domId = view === 'translations' ? translationDomId : fieldDomId;
  for (let length = path.length; length > 0; length--) {
    const element = document.getElementById(domId(path.slice(0, length)));
    if (!element) continue;
    const focusable = element.matches('input, select, textarea, button, a[href], [tabindex]')
      ? element
      : (element.querySelector<HTMLElement>('[data-missing="true"]') ?? element.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button'));
    (focusable ?? element).focus();
    (focusable ?? element).scrollIntoView({ block: 'center' });
    return;
  }
}

export function SurveyEditor({ id, canEdit }: { id: string; canEdit: boolean }) {
  const uid = useId();
  const { staff } = useStaffApi();
  const surveys = staff.surveys;
  const [detail, setDetail] = useState<SurveyDetail | null>(null);
  const [content, setContentState] = useState<SurveyContent | null>(null);
  /** Every edit keeps the translation fingerprints: rewording English marks its translations out of date. */
  const setContent = useCallback((next: SurveyContent) => setContentState((previous) => (previous ? trackTranslations(previous, next) : next)), []);
  const [dates, setDates] = useState<Dates>({ opensAt: '', closesAt: '' });
  const [targeting, setTargeting] = useState<Targeting>({ scope: 'force' });
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<Selection>('details');
  const [view, setView] = useState<View>('questions');
  const [previewLocale, setPreviewLocale] = useState<Locale>('en');
  const [initialNotice] = useState(() => {
    const text = flash;
    flash = null;
    return text;
  });
  const [dialog, setDialog] = useState<DialogState>(null);
  const [announcement, setAnnouncement] = useState('');
  const [pendingFocus, setPendingFocus] = useState<{ path: Path; view: View } | null>(null);
  /** Set when Publish was refused: the checks then show as an error summary until they are fixed. */
  const [blocked, setBlocked] = useState<number | null>(null);
  const blockedKey = useRef(0);

  const survey = detail?.survey;
  const storedDraft = survey?.draft ?? null;
  const draft = useMemo(() => (storedDraft ? normalised(storedDraft) : null), [storedDraft]);
  const editable = canEdit && draft !== null;
  /** The survey as last saved, even before React has shown it: the next save sends its revision. */
  const latest = useRef<SurveyDetail['survey'] | null>(null);
  const others = useSurveyTitles();
  const names = useAreaNames();

  /** Takes what the API says; keeps the editor's text unless asked to replace it. */
  const adopt = useCallback(
    async (next: SurveyDetail, replaceContent: boolean) => {
      setDetail(next);
      latest.current = next.survey;
      if (!replaceContent) return;
      setDates(datesFromSurvey(next.survey));
      setTargeting(next.survey.targeting);
      if (next.survey.draft) {
        setContentState(normalised(next.survey.draft));
      } else if (next.survey.publishedVersion > 0) {
        const version = await unwrap(surveys[':id'].versions[':version'].$get({ param: { id: next.survey.id, version: String(next.survey.publishedVersion) } }));
        setContentState(version.content);
      }
    },
    [surveys],
  );

  const load = useCallback(async () => {
    try {
      await adopt(await unwrap(surveys[':id'].$get({ param: { id } })), true);
      setLoadProblem(null);
    } catch (error) {
      setLoadProblem(errorText(error, 'Could not load the survey.'));
    }
  }, [adopt, id, surveys]);

  useEffect(() => {
    void load();
  }, [load]);

  const targetingChanged = survey !== undefined && canonical(targeting) !== canonical(survey.targeting);
  const dirty = useMemo(() => editable && content !== null && draft !== null && (canonical(content) !== canonical(draft) || datesChanged(dates, survey!) || targetingChanged), [content, dates, draft, editable, survey, targetingChanged]);

  // The same checks the API runs (it shares the domain's `checkDraft`), updated as the officer types.
  const problems = useMemo<Problem[]>(() => {
    if (!content || !editable || !detail) return [];
    if (!dirty) return fromChecks(detail.checks);
    const broken = schemaProblems(content);
    return [...broken, ...datesProblems(dates), ...targetingProblems(targeting), ...(broken.length ? [] : fromChecks(checkDraft(content)))];
  }, [content, dates, detail, dirty, editable, targeting]);
  const errors = problems.filter((p) => p.severity === 'error');
  const items = useMemo(() => (content ? summariseProblems(content, problems) : []), [content, problems]);
  useEffect(() => {
    if (errors.length === 0) setBlocked(null);
  }, [errors.length]);

  useEffect(() => {
    if (!pendingFocus) return;
    focusPath(pendingFocus.path, pendingFocus.view);
    setPendingFocus(null);
  }, [pendingFocus]);

  useDocumentTitle(content ? `${content.title.en} — Surveys` : null);

  const announce = (message: string) => setAnnouncement(message);

  const goTo = (problem: Problem) => {
    const where = problemView(problem);
    const question = problemQuestion(problem.path);
    setView(where);
    if (where === 'questions') setSelected(question ?? 'details');
    setPendingFocus({ path: problem.path.length ? problem.path : ['questions'], view: where });
  };

  /** One save of what the editor holds now, on the latest revision; throws when the API refuses. */
  const persist = async () => {
    const current = latest.current;
    if (!content || !current) return;
    const sent = { content, dates, targeting };
    const next = await unwrap(
      surveys[':id'].draft.$put(
        { param: { id: current.id }, json: { expectedRevision: current.revision, content, ...datesToSave(dates, current), ...(canonical(targeting) !== canonical(current.targeting) ? { targeting } : {}) } },
      ),
    );
    await adopt(next, false);
    // The API may store a date as an exact time; show it as a day unless the officer changed it meanwhile.
    setDates((now) => (canonical(now) === canonical(sent.dates) ? datesFromSurvey(next.survey) : now));
    setBlocked(null);
  };

  const firstProblem = useMemo(() => {
    if (!content || !editable || !dirty) return null;
    const found = editsProblems({ content, dates, targeting })[0];
    if (!found) return null;
    const where = found.path[0] === 'targeting' ? 'Who it is for' : found.path[0] === 'opensAt' || found.path[0] === 'closesAt' ? 'Dates' : describePath(content, found.path);
    return `${where}: ${found.message}`;
  }, [content, dates, dirty, editable, targeting]);

  const editor = useDraftEditor<Edits | null, Problem, NonNullable<Busy>>({
    storageKey: `wardpulse:unsaved:survey:${id}`,
    ready: editable && content !== null,
    autosave: editable,
    value: content ? { content, dates, targeting } : null,
    dirty,
    blocker: firstProblem,
    revision: survey?.revision ?? null,
    savedAt: survey?.updatedAt ?? null,
    save: persist,
    isSaved: (value) => value === null || (draft !== null && survey !== undefined && canonical(value.content) === canonical(draft) && !datesChanged(value.dates, survey) && canonical(value.targeting) === canonical(survey.targeting)),
    conflictReason: 'someone else changed this survey. Reload it to see their version.',
    issueProblems: (error) => (error.status === 422 ? apiProblems(error.issues) : null),
    editable,
    onSaveShortcut: () => save(),
    initialNotice,
    what: 'this survey',
  });
  const { autosave, busy, failed, notice, setNotice, summary, setSummary } = editor;

  /** The Save button and Ctrl+S: saves now, or says what stops it. */
  const save = async (): Promise<boolean> => {
    // Buttons stay enabled while busy (disabling a focused button drops keyboard focus): refuse repeats here.
    if (!content || !survey || busy) return false;
    const saved = await editor.saveDraft(editsProblems({ content, dates, targeting }), async () => {
      const ok = await autosave.saveNow();
      if (ok && latest.current) editor.savedNotice(latest.current.updatedAt);
      return ok;
    });
    return saved ?? false;
  };

  const requestPublish = () => {
    if (busy) return;
    setNotice(null);
    setSummary(null);
    if (errors.length > 0) {
      blockedKey.current += 1;
      setBlocked(blockedKey.current);
      return;
    }
    setDialog({ kind: 'publish' });
  };

  const publish = async () => {
    setDialog(null);
    if (dirty && !(await save())) return;
    const current = latest.current;
    if (!current) return;
    await editor.whileBusy('publish', async () => {
      try {
        const result = await unwrap(surveys[':id'].publish.$post({ param: { id: current.id }, json: { expectedRevision: current.revision } }));
        await adopt(await unwrap(surveys[':id'].$get({ param: { id: current.id } })), true);
        setNotice({ kind: 'ok', text: `Published version ${result.version.version}. Residents can answer it at /s/${result.version.slug}.` });
      } catch (error) {
        failed(error, 'publish');
      }
    });
  };

  const act = async (kind: 'edit' | 'close') => {
    if (!survey || busy) return;
    setDialog(null);
    setNotice(null);
    await editor.whileBusy(kind, async () => {
      try {
        const call = kind === 'edit' ? surveys[':id'].edit.$post : surveys[':id'].close.$post;
        const next = await unwrap(call({ param: { id: survey.id }, json: { expectedRevision: survey.revision } }));
        await adopt(next, true);
        setNotice({
          kind: 'ok',
          text:
            kind === 'edit'
              ? `Started a draft of version ${next.survey.draftVersion ?? ''}. Version ${next.survey.publishedVersion} stays live, unchanged, until you publish the new one.`
              : 'Survey closed. Residents can no longer answer it; its results are kept.',
        });
      } catch (error) {
        failed(error, kind === 'edit' ? 'start a new version' : 'close the survey');
      }
    });
  };

  const updateQuestions = (questions: Question[]) => content && setContent({ ...content, questions });

  const moveQuestion = (index: number, delta: number) => {
    if (!content) return;
    const target = index + delta;
    const question = content.questions[index]!;
    if (target < 0 || target >= content.questions.length) {
      announce(delta < 0 ? 'This is already the first question.' : 'This is already the last question.');
      return;
    }
    updateQuestions(move(content.questions, index, delta));
    setSelected(target);
    announce(`Moved “${question.title.en}” to position ${target + 1} of ${content.questions.length}.`);
  };

  const deleteQuestion = (index: number) => {
    if (!content) return;
    const question = content.questions[index];
    setDialog(null);
    if (!question) return;
    updateQuestions(content.questions.filter((_, i) => i !== index));
    const next = index > 0 ? index - 1 : content.questions.length > 1 ? 0 : 'details';
    setSelected(next);
    announce(`Deleted “${question.title.en}”.`);
    setPendingFocus({ path: next === 'details' ? ['title', 'en'] : ['questions', next], view: 'questions' });
  };

  if (loadProblem) {
    return (
      <>
        <BackLink />
        <div className="s-alert" role="alert">
          <h1>The survey could not be opened</h1>
          <p>{loadProblem}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      </>
    );
  }
  if (!survey || !content || !detail) {
    return (
      <>
        <BackLink />
        <p role="status">Loading the survey…</p>
      </>
    );
  }

  const missing = Object.values(missingCounts(content)).reduce((sum, n) => sum + (n ?? 0), 0);
  const outdated = Object.values(outdatedCounts(content)).reduce((sum, n) => sum + (n ?? 0), 0);
  const translationsLabel = [missing > 0 ? `${missing} missing` : '', outdated > 0 ? `${outdated} out of date` : ''].filter(Boolean).join(', ');
  const titleWarning = duplicateTitleWarning(content.title.en, others.titled, survey.id);
  const selectedIndex = typeof selected === 'number' && selected < content.questions.length ? selected : 'details';
  const dependants = (index: number) => {
    const target = content.questions[index];
    return content.questions.flatMap((q, i) => (target && q.showIf?.questionId === target.id ? [i + 1] : []));
  };

  return (
    <div className="sv-editor">
      <BackLink />
      <div className="sv-editor-head">
        <h1>{content.title.en || 'Untitled survey'}</h1>
        <dl className="sv-meta">
          <div>
            <dt>Status</dt>
            <dd data-testid="survey-status">{statusText(survey)}</dd>
          </div>
          <div>
            <dt>Series</dt>
            <dd>{survey.seriesId}</dd>
          </div>
          <div>
            <dt>Wave</dt>
            <dd data-testid="survey-wave">{survey.wave}</dd>
          </div>
          <div>
            <dt>Dates</dt>
            <dd data-testid="survey-dates">{dayInputsText(dates)}</dd>
          </div>
          <div>
            <dt>Who it is for</dt>
            <dd data-testid="survey-target">{targetText(targeting, names)}</dd>
          </div>
          <div>
            <dt>Link for residents</dt>
            <dd>{survey.publishedVersion > 0 ? <CopyLink slug={survey.slug} /> : `/s/${survey.slug} (works once published)`}</dd>
          </div>
          {survey.publishedVersion > 0 && (
            <div>
              <dt>Results</dt>
              <dd>
                <Link to={resultsPath(survey.id)}>See the results</Link>
              </dd>
            </div>
          )}
        </dl>
      </div>

      <div className="sv-toolbar" role="group" aria-label="Survey actions">
        {editable && (
          <>
            <AutosaveStatusLine status={autosave.status} onRetry={autosave.retry} />
            <button type="button" onClick={() => void save()} aria-keyshortcuts="Control+S">
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" className="sv-button-primary" onClick={requestPublish}>
              {busy === 'publish' ? 'Publishing…' : `Publish version ${survey.draftVersion ?? ''}`}
            </button>
          </>
        )}
        {canEdit && !draft && survey.status === 'published' && (
          <button type="button" onClick={() => void act('edit')}>
            Edit (new version)
          </button>
        )}
        {canEdit && survey.status === 'published' && (
          <button type="button" className="sv-button-warning" onClick={() => setDialog({ kind: 'close' })}>
            Close survey
          </button>
        )}
        {canEdit && (
          <button type="button" className="sv-button-secondary" onClick={() => setDialog({ kind: 'next-wave' })}>
            Duplicate as next wave
          </button>
        )}
      </div>

      <p role="status" className="s-visually-hidden">
        {announcement}
      </p>
      <EditorNotice
        notice={notice}
        title="Not saved: someone else changed this survey"
        changed="Someone else has changed or published this survey since you opened it"
        reloadLabel="Reload the survey"
        onReload={() =>
          void load().then(() => {
            setNotice(null);
            autosave.resume();
          })
        }
      />
      {editable && autosave.restorable && (
        <RestoreOffer
          copy={autosave.restorable}
          what="this survey"
          changedSince={autosave.restorable.revision !== null && autosave.restorable.revision !== survey.revision}
          onRestore={() =>
            autosave.restore((value) => {
              if (!value) return;
              setContentState(value.content);
              setDates(value.dates);
              setTargeting(value.targeting);
              announce('Restored your unsaved changes. They are being saved.');
            })
          }
          onDiscard={autosave.discard}
        />
      )}
      {summary && (
        <ErrorSummary
          look="staff"
          title={summary.title}
          focusKey={summary.key}
          items={summariseProblems(content, summary.problems).map((item) => ({ key: item.key, text: item.text, href: `#${fieldDomId(item.problem.path)}`, onSelect: () => goTo(item.problem) }))}
        />
      )}

      {!canEdit && <p className="sv-readonly">You can read this survey. Engagement officers and administrators change it.</p>}
      {canEdit && !draft && (
        <p className="sv-readonly">
          {survey.status === 'closed'
            ? `This survey is closed. Version ${survey.publishedVersion} is kept as it was published. To run it again, duplicate it as the next wave.`
            : `Version ${survey.publishedVersion} is published and frozen: it cannot change, so its results stay comparable. To change the survey, choose “Edit (new version)”; this version stays live until you publish the new one.`}
        </p>
      )}

      {editable && <ChecksPanel items={items} onSelect={goTo} blocked={blocked} />}

      <div className="sv-views" role="group" aria-label="Editor view">
        <button type="button" className="sv-view" aria-pressed={view === 'questions'} onClick={() => setView('questions')}>
          Questions
        </button>
        <button type="button" className="sv-view" aria-pressed={view === 'translations'} onClick={() => setView('translations')}>
          Translations{translationsLabel ? ` (${translationsLabel})` : ''}
        </button>
      </div>

      {view === 'questions' ? (
        <div className="sv-workspace">
          <section className="sv-outline" aria-labelledby={`${uid}-contents`}>
            <h2 id={`${uid}-contents`}>Contents</h2>
            <button type="button" className="sv-outline-item" aria-current={selectedIndex === 'details' ? 'true' : undefined} onClick={() => setSelected('details')}>
              Survey details
            </button>
            <ol className="sv-outline-list" data-testid="question-list">
              {content.questions.map((question, index) => {
                const count = items.filter((item) => item.severity === 'error' && problemQuestion(item.problem.path) === index).length;
                return (
                  <li key={question.id}>
                    <button type="button" className="sv-outline-item" aria-current={selectedIndex === index ? 'true' : undefined} onClick={() => setSelected(index)}>
                      <span className="sv-outline-number">{index + 1}.</span> <span className="sv-outline-title">{question.title.en || '(no text yet)'}</span>
                      {count > 0 && <span className="sv-outline-problems">{count === 1 ? '1 problem' : `${count} problems`}</span>}
                    </button>
                  </li>
                );
              })}
            </ol>
            {editable && (
              <AddQuestion
                questions={content.questions}
                onAdd={(question) => {
                  updateQuestions([...content.questions, question]);
                  setSelected(content.questions.length);
                  announce(`Added question ${content.questions.length + 1}.`);
                  setPendingFocus({ path: ['questions', content.questions.length], view: 'questions' });
                }}
              />
            )}
          </section>
          <div className="sv-detail">
            {selectedIndex === 'details' ? (
              <DetailsEditor
                content={content}
                dates={dates}
                targeting={targeting}
                readOnly={!editable}
                onChange={setContent}
                onDates={setDates}
                onTargeting={setTargeting}
                onTranslations={() => setView('translations')}
                titleWarning={titleWarning}
              />
            ) : (
              <QuestionEditor
                key={content.questions[selectedIndex]!.id}
                questions={content.questions}
                index={selectedIndex}
                readOnly={!editable}
                announce={announce}
                onChange={(question) => updateQuestions(content.questions.map((q, i) => (i === selectedIndex ? question : q)))}
                onMove={(delta) => moveQuestion(selectedIndex, delta)}
                onDelete={() => setDialog({ kind: 'delete', index: selectedIndex })}
              />
            )}
          </div>
          <PhonePreview content={content} selected={selectedIndex} locale={previewLocale} onLocale={setPreviewLocale} onSelect={setSelected} />
        </div>
      ) : (
        <TranslationsView content={content} readOnly={!editable} onChange={setContent} />
      )}

      <VersionHistory detail={detail} />

      <Dialog open={dialog?.kind === 'publish'} title={`Publish version ${survey.draftVersion ?? ''}?`} onClose={() => setDialog(null)}>
        <p>Residents will be able to answer it at /s/{survey.slug}{survey.publishedVersion > 0 ? `, in place of version ${survey.publishedVersion}` : ''}.</p>
        <p>A published version is frozen: its questions, options and translations can never change, so results and exports stay comparable. To change the survey later, choose “Edit (new version)”: that starts a new draft while this version stays live.</p>
        {problems.some((p) => p.severity === 'warning') && <p>There {problems.filter((p) => p.severity === 'warning').length === 1 ? 'is a warning' : 'are warnings'} listed under “Before you publish”; you can publish anyway.</p>}
        {dirty && <p>Your unsaved changes will be saved first.</p>}
        <div className="sv-dialog-actions">
          <button type="button" className="sv-button-primary" onClick={() => void publish()}>
            Publish version {survey.draftVersion ?? ''}
          </button>
          <button type="button" className="sv-button-secondary" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog?.kind === 'close'} title="Close this survey?" onClose={() => setDialog(null)}>
        <p>Residents will no longer be able to answer it. Responses already received and their results are kept.</p>
        <div className="sv-dialog-actions">
          <button type="button" className="sv-button-warning" onClick={() => void act('close')}>
            Close survey
          </button>
          <button type="button" className="sv-button-secondary" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </div>
      </Dialog>
      <Dialog open={dialog?.kind === 'delete'} title="Delete this question?" onClose={() => setDialog(null)}>
        {dialog?.kind === 'delete' && (
          <>
            <p>
              Question {dialog.index + 1}, “{content.questions[dialog.index]?.title.en}”, will be removed from this draft. Published versions keep it, and so do their results.
            </p>
            {dependants(dialog.index).length > 0 && <p>Question {dependants(dialog.index).join(', ')} is shown depending on its answer; you will need to change that condition.</p>}
            <div className="sv-dialog-actions">
              <button type="button" className="sv-button-warning" onClick={() => deleteQuestion(dialog.index)}>
                Delete question
              </button>
              <button type="button" className="sv-button-secondary" onClick={() => setDialog(null)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </Dialog>
      <NextWaveDialog
        open={dialog?.kind === 'next-wave'}
        surveyId={survey.id}
        slug={survey.slug}
        wave={survey.wave}
        unsaved={dirty}
        onClose={() => setDialog(null)}
        onCreated={(next) => {
          flash = `Created wave ${next.survey.wave} of “${survey.seriesId}” as a draft, with the same question ids so the waves compare.`;
          navigate(`/staff/surveys/${next.survey.id}`);
        }}
      />
    </div>
  );
}

function BackLink() {
  return (
    <p className="sv-back">
      <Link to="/staff/surveys">Back to surveys</Link>
    </p>
  );
}
