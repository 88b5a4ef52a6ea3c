import { coachMessage, measureReadability, type MessageTargeting } from '@wardpulse/domain';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { AutosaveStatusLine, RestoreOffer } from '../shared/AutosaveStatus.tsx';
import { EditorNotice } from '../shared/EditorNotice.tsx';
import { useDraftEditor } from '../shared/useDraftEditor.ts';
import { Link } from '../../shared/navigation.tsx';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { Dialog, errorText, useDocumentTitle } from '../shared/ui.tsx';
import { useMessagesApi, type MessageDetail } from './client.ts';
import { CoachedField } from './CoachedField.tsx';
import { notesFor, PARTS, type Part } from './coaching.ts';
import {
  contentFromForm,
  defaultTargeting,
  emptyForm,
  FIELD_IDS,
  fieldForPath,
  formFromContent,
  localTimeToIso,
  peopleText,
  sameDraft,
  saveProblems,
  type ComposerForm,
  type FieldKey,
  type FormProblem,
} from './draft.ts';
import { useDebounced } from '../shared/hooks.ts';
import { MessagePreview, type EmailPreview } from './MessagePreview.tsx';
import { formatDateTime, formatTime } from '../shared/dates.ts';
import { ReadabilityPanel } from './ReadabilityPanel.tsx';
import { TargetingPicker, targetingSummary } from './TargetingPicker.tsx';
import { audienceWords, useAudience } from './useAudience.ts';
import { Field } from './TextField.tsx';

/** Coaching runs in the browser once typing pauses this long. */
const COACHING_DELAY_MS = 250;

/** A message for the composer the officer lands on next (after the first save creates the draft). */
let flash: { detail: MessageDetail; text: string } | null = null;

/**
 * Writing a three-part message: title, the three parts with live readability coaching, an
 * optional link and image, who it goes to and how many people that is, a phone and e-mail
 * preview; then save, schedule or send with a confirmation that names the audience.
 */
export function Composer({ initial, canEdit, forceName, onChanged }: { initial: MessageDetail | null; canEdit: boolean; forceName: string; onChanged: (detail: MessageDetail) => void }) {
  const uid = useId();
  const messagesApi = useMessagesApi();
  const [detail, setDetail] = useState<MessageDetail | null>(initial);
  const [form, setForm] = useState<ComposerForm>(() => (initial ? formFromContent(initial.message) : emptyForm()));
  const [targeting, setTargeting] = useState<MessageTargeting>(() => initial?.message.targeting ?? defaultTargeting());
  const [initialNotice] = useState(() => {
    const text = flash && initial && flash.detail.message.id === initial.message.id ? flash.text : null;
    flash = null;
    return text;
  });
  const [dialog, setDialog] = useState(false);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [sendAt, setSendAt] = useState('');
  const [sendAtError, setSendAtError] = useState<string | null>(null);
  const [email, setEmail] = useState<{ revision: number; preview: EmailPreview } | null>(null);
  const [emailFailed, setEmailFailed] = useState(false);
  const [showTargetingError, setShowTargetingError] = useState(false);

  const message = detail?.message ?? null;
  const editable = canEdit && (message === null || message.status === 'draft' || message.status === 'scheduled');
  const content = useMemo(() => contentFromForm(form), [form]);
  const dirty = editable && (message === null ? form.title !== '' || form.concern !== '' || form.action !== '' || form.advice !== '' : !sameDraft({ content, targeting }, { content: contentFromForm(formFromContent(message)), targeting: message.targeting }));
  const targetingDirty = message !== null && !sameDraft({ content: contentFromForm(emptyForm()), targeting }, { content: contentFromForm(emptyForm()), targeting: message.targeting });
  /** The message as last saved, even before React has shown it: the next save sends its revision. */
  const latest = useRef<MessageDetail | null>(initial);
  useDocumentTitle(message ? `${message.title} — Messages` : 'Write a message — Messages');

  // Live coaching: the domain's own functions, the same ones the API stores the score with.
  const text = useDebounced(useMemo(() => ({ title: form.title, concern: form.concern, action: form.action, advice: form.advice }), [form.title, form.concern, form.action, form.advice]), COACHING_DELAY_MS);
  const readability = useMemo(() => measureReadability(text), [text]);
  const notes = useMemo(() => coachMessage(text), [text]);
  const blocking = notes.filter((note) => note.severity === 'error');

  const audience = useAudience(message?.id ?? null, message?.revision ?? 0, targeting, targetingDirty);

  const loadEmail = useCallback(async () => {
    if (!message) return;
    setEmailFailed(false);
    try {
      setEmail({ revision: message.revision, preview: await messagesApi.preview(message.id) });
    } catch {
      setEmailFailed(true);
    }
  }, [message, messagesApi]);
  useEffect(() => {
    if (message && email?.revision !== message.revision) void loadEmail();
  }, [email?.revision, loadEmail, message]);
  const emailState = !message ? 'unsaved' : emailFailed ? 'failed' : !email ? 'loading' : dirty || email.revision !== message.revision ? 'stale' : 'ready';

  const adopt = (next: MessageDetail) => {
    latest.current = next;
    setDetail(next);
    onChanged(next);
  };

  /** One save of the form as it is now, on the latest revision; throws when the API refuses. */
  const persist = async () => {
    const current = latest.current;
    if (!current) return;
    const next = await messagesApi.update(current.message.id, { ...content, targeting }, current.message.revision);
    adopt(next);
    if (current.message.status === 'scheduled' && next.message.status !== 'scheduled') setNotice({ kind: 'ok', text: 'Your change took the message off the schedule: schedule it again when it is ready.' });
  };

  const firstProblem = saveProblems(form, targeting)[0]?.message ?? null;
  const editor = useDraftEditor<{ form: ComposerForm; targeting: MessageTargeting }, FormProblem, 'save' | 'send'>({
    // A message not yet created is kept under "new" until its first save creates it.
    storageKey: `wardpulse:unsaved:message:${message?.id ?? 'new'}`,
    ready: editable,
    autosave: editable && message !== null,
    value: { form, targeting },
    dirty,
    blocker: firstProblem,
    revision: message?.revision ?? null,
    savedAt: message?.updatedAt ?? null,
    save: persist,
    isSaved: (value) =>
      message ? sameDraft({ content: contentFromForm(value.form), targeting: value.targeting }, { content: contentFromForm(formFromContent(message)), targeting: message.targeting }) : sameDraft({ content: contentFromForm(value.form), targeting: value.targeting }, { content: contentFromForm(emptyForm()), targeting: defaultTargeting() }),
    conflictReason: 'this message was changed, scheduled or sent elsewhere. Reload it to see the current version.',
    issueProblems: (error) => (error.status === 400 || error.status === 422 ? error.issues.map((issue) => ({ field: fieldForPath(issue.path), message: issue.message })) : null),
    editable,
    onSaveShortcut: () => save(),
    initialNotice,
    what: 'this message',
  });
  const { autosave, busy, failed, notice, setNotice, summary, setSummary, showSummary } = editor;

  /** The Save button and Ctrl+S: creates the draft the first time, then saves now. */
  const save = async (): Promise<MessageDetail | null> => {
    // Buttons stay enabled while busy (disabling a focused button drops keyboard focus): refuse repeats here.
    if (busy || !editable) return null;
    const found = saveProblems(form, targeting);
    setShowTargetingError(found.some((p) => p.field === 'targeting'));
    return editor.saveDraft(found, async () => {
      try {
        if (message) {
          const ok = await autosave.saveNow();
          if (ok && latest.current) editor.savedNotice(latest.current.message.updatedAt);
          return ok ? latest.current : null;
        }
        const next = await messagesApi.create({ ...content, targeting });
        autosave.discard();
        flash = { detail: next, text: `Draft saved at ${formatTime(next.message.updatedAt, { seconds: true })}.` };
        adopt(next);
        return next;
      } catch (error) {
        failed(error, 'save the draft');
        return null;
      }
    });
  };

  const requestSend = () => {
    if (busy) return;
    setNotice(null);
    const found = [...saveProblems(form, targeting), ...coachMessage(content).filter((n) => n.severity === 'error').map((n) => ({ field: n.part as FieldKey, message: n.message }))];
    setShowTargetingError(found.some((p) => p.field === 'targeting'));
    if (found.length > 0) {
      showSummary('Fix these before sending', found);
      return;
    }
    setSummary(null);
    setSendAtError(null);
    setDialog(true);
  };

  const send = async () => {
    let at: string | undefined;
    if (when === 'later') {
      const iso = localTimeToIso(sendAt);
      if (!iso || Date.parse(iso) <= Date.now()) {
        setSendAtError(iso ? 'Choose a time in the future.' : 'Enter the date and time to send it.');
        document.getElementById(FIELD_IDS.at)?.focus();
        return;
      }
      at = iso;
    }
    setDialog(false);
    const current = dirty || !detail ? await save() : detail;
    if (!current) return;
    await editor.whileBusy('send', async () => {
      try {
        const result = await messagesApi.send(current.message.id, at);
        adopt({ ...current, message: result.message });
        if (result.message.status === 'scheduled') {
          setNotice({ kind: 'ok', text: `Scheduled for ${formatDateTime(result.message.scheduledFor ?? at ?? '', { month: 'long' })}. It will go to ${peopleText(result.audience.total)}.` });
        }
      } catch (error) {
        failed(error, when === 'later' ? 'schedule the message' : 'send the message');
      }
    });
  };

  const reload = async () => {
    if (!message) return;
    try {
      const next = await messagesApi.get(message.id);
      adopt(next);
      setForm(formFromContent(next.message));
      setTargeting(next.message.targeting);
      setNotice(null);
      autosave.resume();
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not reload the message. ${errorText(error, '')}` });
    }
  };

  const set = (key: keyof ComposerForm) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  const problemFor = (field: FieldKey) => summary?.problems.find((p) => p.field === field)?.message;

  return (
    <div className="ms-composer">
      <p className="sv-back">
        <Link to="/staff/messages">Back to messages</Link>
      </p>
      <h1>{message ? message.title || 'Untitled message' : 'Write a message'}</h1>
      {message?.status === 'scheduled' && message.scheduledFor && (
        <p className="sv-readonly" data-testid="scheduled">
          Scheduled for {formatDateTime(message.scheduledFor, { month: 'long' })}. Changing it takes it off the schedule until you schedule it again.
        </p>
      )}
      {!canEdit && <p className="sv-readonly">You can read this draft. Engagement officers and administrators write and send messages.</p>}

      {editable && (
        <div className="sv-toolbar" role="group" aria-label="Message actions">
          {message ? (
            <AutosaveStatusLine status={autosave.status} onRetry={autosave.retry} />
          ) : (
            <span className="sv-autosave" role="status">
              <span className="sv-save-state sv-dirty" data-testid="save-state">
                Not saved yet
              </span>
              {dirty && <span className="sv-save-detail"> Kept in this browser until you choose “Save draft”.</span>}
            </span>
          )}
          <button type="button" onClick={() => void save()} aria-keyshortcuts="Control+S">
            {busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" className="sv-button-primary" onClick={requestSend}>
            {busy === 'send' ? 'Sending…' : 'Send or schedule…'}
          </button>
        </div>
      )}

      <EditorNotice
        notice={notice}
        title="Not saved: this message changed"
        changed="Someone else saved, scheduled or sent this message since you opened it"
        reloadLabel="Reload the message"
        onReload={() => void reload()}
      />
      {editable && autosave.restorable && (
        <RestoreOffer
          copy={autosave.restorable}
          what="this message"
          changedSince={autosave.restorable.revision !== (message?.revision ?? null)}
          onRestore={() =>
            autosave.restore((value) => {
              setForm(value.form);
              setTargeting(value.targeting);
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
          items={summary.problems.map((problem, index) => ({ key: `${problem.field}-${index}`, text: problem.message, href: `#${FIELD_IDS[problem.field]}` }))}
        />
      )}

      <div className="ms-workspace">
        <div className="ms-form">
          <CoachedField
            id={FIELD_IDS.title}
            label="Title"
            hint="A few words that say what it is about, like “Car break-ins on Park Road”."
            value={form.title}
            notes={notesFor(notes, 'title')}
            maxLength={120}
            readOnly={!editable}
            multiline={false}
            invalid={Boolean(problemFor('title'))}
            onChange={set('title')}
          />
          {PARTS.map(({ part, question, hint }) => (
            <CoachedField
              key={part}
              id={FIELD_IDS[part]}
              label={question}
              hint={hint}
              value={form[part]}
              notes={notesFor(notes, part)}
              maxLength={1500}
              readOnly={!editable}
              invalid={Boolean(problemFor(part))}
              onChange={set(part)}
            />
          ))}

          <fieldset className="s-fieldset ms-extras" disabled={!editable}>
            <legend>Link (optional)</legend>
            <Field id={FIELD_IDS.linkUrl} label="Web address" hint="Starting https://" value={form.linkUrl} error={problemFor('linkUrl')} onChange={set('linkUrl')} inputMode="url" />
            <Field id={FIELD_IDS.linkLabel} label="Link text" hint="Say where it goes, like “Report it online”." value={form.linkLabel} error={problemFor('linkLabel')} onChange={set('linkLabel')} />
          </fieldset>
          <fieldset className="s-fieldset ms-extras" disabled={!editable}>
            <legend>Image (optional)</legend>
            <Field id={FIELD_IDS.imageUrl} label="Image address" hint="Starting https://" value={form.imageUrl} error={problemFor('imageUrl')} onChange={set('imageUrl')} inputMode="url" />
            <Field
              id={FIELD_IDS.imageAlt}
              label="Image description (alt text)"
              hint="What the image shows, for people who cannot see it."
              value={form.imageAlt}
              error={problemFor('imageAlt')}
              onChange={set('imageAlt')}
            />
          </fieldset>

          <TargetingPicker targeting={targeting} readOnly={!editable} showError={showTargetingError} onChange={setTargeting} />
          <div className="ms-audience" data-testid="audience">
            <h2 className="ms-audience-title" id={`${uid}-audience`}>
              Audience
            </h2>
            <p aria-live="polite" aria-atomic="true" data-testid="audience-size">
              {audienceWords(audience)}
            </p>
            {audience.state === 'ready' && audience.total === 0 && <p className="s-hint">Nobody who has signed up matches these places and topics. Choose more places or fewer topics.</p>}
          </div>
        </div>

        <aside className="ms-side" aria-label="Readability and preview">
          <ReadabilityPanel readability={readability} notes={notes} fieldId={(part: Part) => FIELD_IDS[part]} />
          <MessagePreview content={content} forceName={forceName} email={email?.preview ?? null} emailState={emailState} onRefreshEmail={() => void loadEmail()} />
        </aside>
      </div>

      <Dialog open={dialog} title="Send this message?" onClose={() => setDialog(false)}>
        <p data-testid="send-audience">
          {audience.state === 'ready' ? (
            <>
              It will be e-mailed to <strong>{peopleText(audience.total)}</strong>: {targetingSummary(targeting)}.
            </>
          ) : (
            <>It will be e-mailed to everyone signed up for {targetingSummary(targeting)}. The number is counted again when it is sent.</>
          )}
        </p>
        {blocking.length === 0 && readability.score < 6 && <p>Its readability score is {readability.score} out of 10. Messages scoring 8 or more are rated more useful.</p>}
        {dirty && <p>Your unsaved changes will be saved first.</p>}
        <fieldset className="s-fieldset">
          <legend>When</legend>
          <div className="sv-radios">
            <div className="sv-radio">
              <input type="radio" id={`${uid}-now`} name={`${uid}-when`} checked={when === 'now'} onChange={() => setWhen('now')} />
              <label htmlFor={`${uid}-now`}>Now</label>
            </div>
            <div className="sv-radio">
              <input type="radio" id={`${uid}-later`} name={`${uid}-when`} checked={when === 'later'} onChange={() => setWhen('later')} />
              <label htmlFor={`${uid}-later`}>At a time I choose</label>
            </div>
          </div>
        </fieldset>
        {when === 'later' && (
          <div className={`s-field${sendAtError ? ' s-field-error' : ''}`}>
            <label htmlFor={FIELD_IDS.at}>Date and time</label>
            {sendAtError && (
              <p className="s-error" id={`${FIELD_IDS.at}-error`}>
                <span className="s-visually-hidden">Error: </span>
                {sendAtError}
              </p>
            )}
            <input id={FIELD_IDS.at} type="datetime-local" value={sendAt} aria-invalid={sendAtError ? true : undefined} aria-describedby={sendAtError ? `${FIELD_IDS.at}-error` : undefined} onChange={(event) => setSendAt(event.target.value)} />
          </div>
        )}
        <div className="sv-dialog-actions">
          <button type="button" className="sv-button-primary" onClick={() => void send()}>
            {when === 'now' ? (audience.state === 'ready' ? `Send now to ${peopleText(audience.total)}` : 'Send now') : 'Schedule'}
          </button>
          <button type="button" className="sv-button-secondary" onClick={() => setDialog(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** The draft the first save just created, so its own page opens without loading it again. */
export const justCreated = (id: string): MessageDetail | null => (flash?.detail.message.id === id ? flash.detail : null);
