import type { Topic } from '@wardpulse/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { publicApi, type SignupSettings } from './client.ts';
import { ErrorSummary, fieldForIssue, TopicFields, TOPICS_FIELD, WardFields, WARDS_FIELD, type FieldError } from './fields.tsx';
import { IncompleteLink } from './TokenPages.tsx';
import { tokenFromQuery } from './signup.ts';

type Load = { state: 'loading' } | { state: 'ready'; settings: SignupSettings } | { state: 'failed'; status: number; message: string };
type Step = 'edit' | 'confirm-delete' | 'deleted';

/** Changing areas and topics, or deleting the sign-up, from the signed link in every message. */
export function ManagePage({ search }: { search: string }) {
  const token = tokenFromQuery(search);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [wardCodes, setWardCodes] = useState<string[]>([]);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>('edit');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Your message settings — WardPulse';
  }, []);

  useEffect(() => {
    if (!token) return;
    let live = true;
    publicApi
      .mySignup(token)
      .then((settings) => {
        if (!live) return;
        setLoad({ state: 'ready', settings });
        setWardCodes(settings.wardCodes);
        setTopics(settings.topics);
      })
      .catch((error: unknown) => live && setLoad({ state: 'failed', status: error instanceof ApiError ? error.status : 0, message: error instanceof Error ? error.message : '' }));
    return () => {
      live = false;
    };
  }, [token, attempt]);

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  if (!token) return <IncompleteLink />;
  if (load.state === 'loading') return <p role="status">Loading your settings…</p>;
  if (load.state === 'failed') {
    const expired = [400, 401, 403, 404, 410].includes(load.status);
    return (
      <div className="r-alert" role="alert">
        <h1>{expired ? 'This link has expired' : 'We could not load your settings'}</h1>
        <p>{load.status === 0 ? 'You seem to be offline. Try again when you have a connection.' : load.message}</p>
        {expired ? (
          <p>Use the link in the most recent message we sent you, or <a href="/signup">sign up again</a>.</p>
        ) : (
          <button type="button" className="r-button r-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (wardCodes.length === 0) found.push({ field: WARDS_FIELD, text: 'Select at least one ward' });
    if (topics.length === 0) found.push({ field: TOPICS_FIELD, text: 'Select at least one topic' });
    setErrors(found);
    setNotice(null);
    if (found.length > 0) {
      setFocusKey((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const settings = await publicApi.updateSignup(token, { wardCodes, topics });
      if (settings) setLoad({ state: 'ready', settings });
      setNotice({ ok: true, text: 'Your changes have been saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.issues.length > 0) {
        setErrors(error.issues.map((issue) => ({ field: fieldForIssue(issue.path), text: issue.message })));
        setFocusKey((n) => n + 1);
      } else {
        setNotice({ ok: false, text: `Your changes were not saved. ${error instanceof ApiError && error.status === 0 ? 'You seem to be offline.' : error instanceof Error ? error.message : ''}` });
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await publicApi.deleteSignup(token);
      setStep('deleted');
    } catch (error) {
      setNotice({ ok: false, text: `Your details were not deleted. ${error instanceof ApiError && error.status === 0 ? 'You seem to be offline.' : error instanceof Error ? error.message : ''}` });
    } finally {
      setBusy(false);
    }
  };

  if (step === 'deleted') {
    return (
      <>
        <div className="r-panel">
          <h1 className="r-panel__title" ref={heading} tabIndex={-1}>
            Your details have been deleted
          </h1>
        </div>
        <p>We have deleted your e-mail address, wards and topics. You will not get any more messages.</p>
        <p>
          <a href="/signup">Sign up again</a>
        </p>
      </>
    );
  }

  if (step === 'confirm-delete') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          Delete your details?
        </h1>
        <p>
          This deletes your e-mail address ({load.settings.email}), your wards and your topics. You will not get any more messages, and this cannot be undone.
        </p>
        <p>Ratings and replies you gave stay, without your e-mail address: they were never linked to it.</p>
        {notice && !notice.ok && (
          <div className="r-alert" role="alert">
            <p>{notice.text}</p>
          </div>
        )}
        <div className="r-button-group">
          <button type="button" className="r-button m-button--warning" onClick={() => void remove()}>
            {busy ? 'Deleting…' : 'Yes, delete my details'}
          </button>
          <button type="button" className="r-link-button" onClick={() => setStep('edit')}>
            No, keep them
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1 ref={heading} tabIndex={-1}>
        Your message settings
      </h1>
      <p>
        Messages go to <strong>{load.settings.email}</strong>.
      </p>
      {notice && (
        <p className={notice.ok ? 'r-notice' : 'r-alert'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <form noValidate onSubmit={(event) => void save(event)}>
        <WardFields wardCodes={wardCodes} error={errors.find((e) => e.field === WARDS_FIELD)?.text} legend="Which wards do you want messages about?" onChange={setWardCodes} />
        <TopicFields topics={topics} error={errors.find((e) => e.field === TOPICS_FIELD)?.text} onChange={setTopics} />
        <button type="submit" className="r-button">
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </form>
      <h2>Stop the messages</h2>
      <p>Deleting your details stops every message and removes your e-mail address from our records.</p>
      <button type="button" className="r-button m-button--warning" onClick={() => setStep('confirm-delete')}>
        Delete my details
      </button>
    </>
  );
}
