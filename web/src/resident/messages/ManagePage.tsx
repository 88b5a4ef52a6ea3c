import type { Topic } from '@wardpulse/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { publicApi, type SignupSettings } from './client.ts';
import { fieldForIssue, SLOT, TopicFields, TOPICS_FIELD, WardFields, WARDS_FIELD, WithNode, type FieldError } from './fields.tsx';
import { useT } from '../strings/messages.ts';
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
  const t = useT();

  useEffect(() => {
    document.title = `${t('settingsTitle')} — WardPulse`;
  }, [t]);

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
  if (load.state === 'loading') return <p role="status">{t('loadingSettings')}</p>;
  if (load.state === 'failed') {
    const expired = [400, 401, 403, 404, 410].includes(load.status);
    return (
      <div className="r-alert" role="alert">
        <h1>{expired ? t('linkExpired') : t('couldNotLoadSettings')}</h1>
        <p>{load.status === 0 ? t('offlineTryAgain') : load.message}</p>
        {expired ? (
          <p>
            <WithNode text={t('useRecentLink', { link: SLOT })} node={<a href="/signup">{t('signUpAgainInline')}</a>} />
          </p>
        ) : (
          <button type="button" className="r-button r-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('tryAgain')}
          </button>
        )}
      </div>
    );
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (wardCodes.length === 0) found.push({ field: WARDS_FIELD, text: t('selectWard') });
    if (topics.length === 0) found.push({ field: TOPICS_FIELD, text: t('selectTopic') });
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
      setNotice({ ok: true, text: t('changesSaved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.issues.length > 0) {
        setErrors(error.issues.map((issue) => ({ field: fieldForIssue(issue.path), text: issue.message })));
        setFocusKey((n) => n + 1);
      } else {
        setNotice({ ok: false, text: `${t('changesNotSaved')} ${error instanceof ApiError && error.status === 0 ? t('youSeemOffline') : error instanceof Error ? error.message : ''}` });
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
      setNotice({ ok: false, text: `${t('detailsNotDeleted')} ${error instanceof ApiError && error.status === 0 ? t('youSeemOffline') : error instanceof Error ? error.message : ''}` });
    } finally {
      setBusy(false);
    }
  };

  if (step === 'deleted') {
    return (
      <>
        <div className="r-panel">
          <h1 className="r-panel__title" ref={heading} tabIndex={-1}>
            {t('deletedTitle')}
          </h1>
        </div>
        <p>{t('deletedBody')}</p>
        <p>
          <a href="/signup">{t('signUpAgain')}</a>
        </p>
      </>
    );
  }

  if (step === 'confirm-delete') {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('deleteQuestion')}
        </h1>
        <p>
          <WithNode text={t('deleteBody', { email: SLOT })} node={<span dir="ltr">{load.settings.email}</span>} />
        </p>
        <p>{t('ratingsStay')}</p>
        {notice && !notice.ok && (
          <div className="r-alert" role="alert">
            <p>{notice.text}</p>
          </div>
        )}
        <div className="r-button-group">
          <button type="button" className="r-button m-button--warning" onClick={() => void remove()}>
            {busy ? t('deleting') : t('yesDelete')}
          </button>
          <button type="button" className="r-link-button" onClick={() => setStep('edit')}>
            {t('noKeep')}
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <ErrorSummary title={t('problem')} items={errors.map((error) => ({ text: error.text, href: `#${error.field}` }))} focusKey={focusKey} />
      <h1 ref={heading} tabIndex={-1}>
        {t('settingsTitle')}
      </h1>
      <p>
        <WithNode text={t('messagesGoTo', { email: SLOT })} node={<strong dir="ltr">{load.settings.email}</strong>} />
      </p>
      {notice && (
        <p className={notice.ok ? 'r-notice' : 'r-alert'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <form noValidate onSubmit={(event) => void save(event)}>
        <WardFields wardCodes={wardCodes} error={errors.find((e) => e.field === WARDS_FIELD)?.text} legend={t('wardsLegend')} onChange={setWardCodes} />
        <TopicFields topics={topics} error={errors.find((e) => e.field === TOPICS_FIELD)?.text} onChange={setTopics} />
        <button type="submit" className="r-button">
          {busy ? t('saving') : t('saveChanges')}
        </button>
      </form>
      <h2>{t('stopMessages')}</h2>
      <p>{t('deletingStops')}</p>
      <button type="button" className="r-button m-button--warning" onClick={() => setStep('confirm-delete')}>
        {t('deleteDetails')}
      </button>
    </>
  );
}
