/**
 * The pages an e-mail's signed links open: confirming a sign-up and unsubscribing. Each asks
 * for a button press rather than acting on load, so a mail scanner that follows links cannot
 * confirm or unsubscribe anyone.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.ts';
import { publicApi, type SignupSettings } from './client.ts';
import { SLOT, WithNode } from './fields.tsx';
import { tokenFromQuery } from './signup.ts';
import { listOf, topicLabel, useT } from '../strings/messages.ts';

type State<T> = { kind: 'ready' } | { kind: 'busy' } | { kind: 'done'; result: T } | { kind: 'failed'; status: number; message: string };
type Failed = { kind: 'failed'; status: number; message: string };

const failure = (error: unknown): Failed => ({ kind: 'failed', status: error instanceof ApiError ? error.status : 0, message: error instanceof Error ? error.message : '' });

function useTokenAction<T>(action: (token: string) => Promise<T>, token: string | null) {
  const [state, setState] = useState<State<T>>({ kind: 'ready' });
  const run = async () => {
    if (!token || state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', result: await action(token) });
    } catch (error) {
      setState(failure(error));
    }
  };
  return [state, run] as const;
}

/** What the link is about, read (without changing anything) when the page opens. */
function useLinkPreview(load: (token: string) => Promise<SignupSettings>, token: string | null) {
  const [preview, setPreview] = useState<SignupSettings | Failed | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    load(token)
      .then((value) => live && setPreview(value))
      .catch((error: unknown) => live && setPreview(failure(error)));
    return () => {
      live = false;
    };
  }, [load, token]);
  return preview;
}

/** "Abbey ward and Northvale ward; burglary and scams". */
function Choices({ settings }: { settings: SignupSettings }) {
  const t = useT();
  return (
    <dl className="r-summary m-choices">
      <div className="r-summary__row">
        <dt className="r-summary__key">{t('emailAddress')}</dt>
        <dd className="r-summary__value">
          <span dir="ltr">{settings.email}</span>
        </dd>
      </div>
      <div className="r-summary__row">
        <dt className="r-summary__key">{t.plural('wardsTerm', settings.wards.length)}</dt>
        <dd className="r-summary__value">
          <bdi lang="en-GB">{settings.wards.map((ward) => (ward.districtName ? `${ward.name} (${ward.districtName})` : ward.name)).join(', ')}</bdi>
        </dd>
      </div>
      <div className="r-summary__row">
        <dt className="r-summary__key">{t('topics')}</dt>
        <dd className="r-summary__value">{listOf(t, settings.topics.map((topic) => topicLabel(t, topic)))}</dd>
      </div>
    </dl>
  );
}

function usePanelFocus(done: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) ref.current?.focus();
  }, [done]);
  return ref;
}

export function IncompleteLink() {
  const t = useT();
  return (
    <>
      <h1>{t('incompleteTitle')}</h1>
      <p>{t('incompleteBody')}</p>
    </>
  );
}

const isLinkProblem = (status: number) => status === 400 || status === 401 || status === 403 || status === 404 || status === 410;

function Failure({ state, retry }: { state: Failed; retry: () => void }) {
  const t = useT();
  const expired = isLinkProblem(state.status);
  return (
    <div className="r-alert" role="alert">
      <h2>{expired ? t('linkCannotBeUsed') : t('didNotWork')}</h2>
      <p>{state.status === 0 ? t('offlineTryAgain') : state.message}</p>
      {expired ? (
        <p>
          <a href="/signup">{t('signUpAgain')}</a>
        </p>
      ) : (
        <button type="button" className="r-button r-button--secondary" onClick={retry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}

export function ConfirmPage({ search }: { search: string }) {
  const token = tokenFromQuery(search);
  const preview = useLinkPreview(publicApi.previewConfirmation, token);
  const [state, run] = useTokenAction(publicApi.confirm, token);
  const panel = usePanelFocus(state.kind === 'done');
  const t = useT();
  useEffect(() => {
    document.title = `${t('confirmTitle')} — WardPulse`;
  }, [t]);
  if (!token) return <IncompleteLink />;
  if (state.kind === 'done') {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">{t('signedUpTitle')}</h1>
        </div>
        <p>{t('willEmail')}</p>
        <Choices settings={state.result} />
        <p>
          <a href={`/signup/manage#token=${encodeURIComponent(state.result.manageToken)}`}>{t('changeAreas')}</a>
        </p>
        <p>{t('everyMessageLinks')}</p>
      </>
    );
  }
  if (preview && 'kind' in preview) return <Failure state={preview} retry={() => window.location.reload()} />;
  return (
    <>
      <h1>{t('confirmTitle')}</h1>
      <p>{t('confirmIntro')}</p>
      {preview ? <Choices settings={preview} /> : <p role="status">{t('checkingLink')}</p>}
      {state.kind === 'failed' && <Failure state={state} retry={() => void run()} />}
      <button type="button" className="r-button" onClick={() => void run()}>
        {state.kind === 'busy' ? t('confirming') : t('confirmButton')}
      </button>
    </>
  );
}

export function UnsubscribePage({ search }: { search: string }) {
  const token = tokenFromQuery(search);
  const preview = useLinkPreview(publicApi.unsubscribeInfo, token);
  const [state, run] = useTokenAction(publicApi.unsubscribe, token);
  const panel = usePanelFocus(state.kind === 'done');
  const t = useT();
  useEffect(() => {
    document.title = `${t('unsubscribeTitle')} — WardPulse`;
  }, [t]);
  if (!token) return <IncompleteLink />;
  if (state.kind === 'done') {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">{t('unsubscribedTitle')}</h1>
        </div>
        <p>{t('noMoreMessages')}</p>
        <p>
          {t('changedMind')} <a href="/signup">{t('signUpAgain')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('stopTitle')}</h1>
      {preview && !('kind' in preview) && (
        <p>
          <WithNode text={t('messagesGoingTo', { email: SLOT })} node={<strong dir="ltr">{preview.email}</strong>} />
        </p>
      )}
      {preview && 'kind' in preview && preview.status === 404 && <p>{preview.message}</p>}
      <p>{t('willStop')}</p>
      {state.kind === 'failed' && <Failure state={state} retry={() => void run()} />}
      <button type="button" className="r-button" onClick={() => void run()}>
        {state.kind === 'busy' ? t('unsubscribing') : t('unsubscribeTitle')}
      </button>
    </>
  );
}
