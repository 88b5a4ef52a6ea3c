import { type Locale, type Question } from '@wardpulse/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { unwrap } from '../../shared/api.ts';
import { RestoreOffer } from '../shared/AutosaveStatus.tsx';
import { EditorNotice } from '../shared/EditorNotice.tsx';
import { useDraftEditor } from '../shared/useDraftEditor.ts';
import { Link, navigate } from '../../shared/navigation.tsx';
import { useStaffApi } from '../shared/api.tsx';
import { move, type Path } from './draft.ts';
import { apiProblems, describePath, fieldDomId, problemQuestion, problemView, summariseProblems, type Problem } from './problems.ts';
import { missingCounts, outdatedCounts } from './translation-strings.ts';
import { ChecksPanel } from './ChecksPanel.tsx';
import { DetailsEditor, datesChanged, datesFromSurvey, datesToSave } from './DetailsEditor.tsx';
import { NextWaveDialog } from './NextWaveDialog.tsx';
import { PhonePreview, type Selection } from './PhonePreview.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { TranslationsView } from './TranslationsView.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import { duplicateTitleWarning } from './labels.ts';
import { useAreaNames, useSurveyTitles } from './useSurveyLabels.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { useDocumentTitle } from '../shared/ui.tsx';
import { useSurveyDraft } from './useSurveyDraft.ts';
import { QuestionOutline } from './QuestionOutline.tsx';
import { ReadOnlyNote, SurveyToolbar } from './SurveyToolbar.tsx';
import { editsProblems, focusPath, type DialogState, type Edits, type View } from './editor-model.ts';
import { SurveyDialogs } from './SurveyDialogs.tsx';
import { SurveyMeta } from './SurveyMeta.tsx';
import { canonical } from '../shared/canonical.ts';

type Busy = null | 'save' | 'publish' | 'edit' | 'close';

/** A message for the page the designer opens next (after "Duplicate as next wave"). */
let flash: string | null = null;

export function SurveyEditor({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { staff } = useStaffApi();
  // A hono route is a new proxy on every access: never a hook dependency (`staff` is stable).
  const surveys = staff.surveys;
  const { detail, survey, content, setContent, setContentState, dates, setDates, targeting, setTargeting, loadProblem, draft, editable, dirty, problems, latest, adopt, load } = useSurveyDraft(id, canEdit);
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

  const others = useSurveyTitles();
  const names = useAreaNames();

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

  return (
    <div className="sv-editor">
      <BackLink />
      <SurveyMeta survey={survey} title={content.title.en} dates={dates} targeting={targeting} names={names} />

      <SurveyToolbar
        survey={survey}
        editable={editable}
        canEdit={canEdit}
        hasDraft={draft !== null}
        busy={busy}
        autosave={autosave}
        onSave={() => void save()}
        onPublish={requestPublish}
        onEdit={() => void act('edit')}
        onDialog={setDialog}
      />

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

      <ReadOnlyNote survey={survey} canEdit={canEdit} hasDraft={draft !== null} />

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
          <QuestionOutline
            questions={content.questions}
            items={items}
            selected={selectedIndex}
            editable={editable}
            onSelect={setSelected}
            onAdd={(question) => {
              updateQuestions([...content.questions, question]);
              setSelected(content.questions.length);
              announce(`Added question ${content.questions.length + 1}.`);
              setPendingFocus({ path: ['questions', content.questions.length], view: 'questions' });
            }}
          />
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

      <SurveyDialogs
        dialog={dialog}
        survey={survey}
        questions={content.questions}
        warnings={problems.filter((p) => p.severity === 'warning').length}
        unsaved={dirty}
        onCancel={() => setDialog(null)}
        onPublish={() => void publish()}
        onCloseSurvey={() => void act('close')}
        onDelete={deleteQuestion}
      />
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
