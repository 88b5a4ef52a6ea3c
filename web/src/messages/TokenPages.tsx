/**
 * The pages an e-mail's signed links open: confirming a sign-up and unsubscribing. Each asks
 * for a button press rather than acting on load, so a mail scanner that follows links cannot
 * confirm or unsubscribe anyone.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { publicApi, type SignupSettings } from './client.ts';
import { tokenFromQuery } from './signup.ts';
import { TOPIC_LABELS } from './topics.ts';

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
  return (
    <dl className="r-summary m-choices">
      <div className="r-summary__row">
        <dt className="r-summary__key">E-mail address</dt>
        <dd className="r-summary__value">{settings.email}</dd>
      </div>
      <div className="r-summary__row">
        <dt className="r-summary__key">{settings.wards.length === 1 ? 'Ward' : 'Wards'}</dt>
        <dd className="r-summary__value">{settings.wards.map((ward) => (ward.districtName ? `${ward.name} (${ward.districtName})` : ward.name)).join(', ')}</dd>
      </div>
      <div className="r-summary__row">
        <dt className="r-summary__key">Topics</dt>
        <dd className="r-summary__value">{settings.topics.map((topic) => TOPIC_LABELS[topic]).join(', ')}</dd>
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
  return (
    <>
      <h1>This link is incomplete</h1>
      <p>Copy the whole link from the e-mail into your browser, or choose it in the e-mail again.</p>
    </>
  );
}

const isLinkProblem = (status: number) => status === 400 || status === 401 || status === 403 || status === 404 || status === 410;

function Failure({ state, retry }: { state: Failed; retry: () => void }) {
  const expired = isLinkProblem(state.status);
  return (
    <div className="r-alert" role="alert">
      <h2>{expired ? 'This link cannot be used' : 'That did not work'}</h2>
      <p>{state.status === 0 ? 'You seem to be offline. Try again when you have a connection.' : state.message}</p>
      {expired ? (
        <p>
          <a href="/signup">Sign up again</a>
        </p>
      ) : (
        <button type="button" className="r-button r-button--secondary" onClick={retry}>
          Try again
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
  useEffect(() => {
    document.title = 'Confirm your sign-up — WardPulse';
  }, []);
  if (!token) return <IncompleteLink />;
  if (state.kind === 'done') {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">You are signed up</h1>
        </div>
        <p>We will e-mail you when there is news about your area and topics.</p>
        <Choices settings={state.result} />
        <p>
          <a href={`/signup/manage?token=${encodeURIComponent(state.result.manageToken)}`}>Change your areas or topics</a>
        </p>
        <p>Every message has links to change your areas and topics, to stop the messages, or to delete your details.</p>
      </>
    );
  }
  if (preview && 'kind' in preview) return <Failure state={preview} retry={() => window.location.reload()} />;
  return (
    <>
      <h1>Confirm your sign-up</h1>
      <p>Confirm that you want e-mail messages from your local police about these areas and topics.</p>
      {preview ? <Choices settings={preview} /> : <p role="status">Checking your link…</p>}
      {state.kind === 'failed' && <Failure state={state} retry={() => void run()} />}
      <button type="button" className="r-button" onClick={() => void run()}>
        {state.kind === 'busy' ? 'Confirming…' : 'Confirm my sign-up'}
      </button>
    </>
  );
}

export function UnsubscribePage({ search }: { search: string }) {
  const token = tokenFromQuery(search);
  const preview = useLinkPreview(publicApi.unsubscribeInfo, token);
  const [state, run] = useTokenAction(publicApi.unsubscribe, token);
  const panel = usePanelFocus(state.kind === 'done');
  useEffect(() => {
    document.title = 'Unsubscribe — WardPulse';
  }, []);
  if (!token) return <IncompleteLink />;
  if (state.kind === 'done') {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">You have unsubscribed</h1>
        </div>
        <p>You will not get any more messages from us.</p>
        <p>
          Changed your mind? <a href="/signup">Sign up again</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Stop getting messages</h1>
      {preview && !('kind' in preview) && (
        <p>
          Messages are going to <strong>{preview.email}</strong>.
        </p>
      )}
      {preview && 'kind' in preview && preview.status === 404 && <p>{preview.message}</p>}
      <p>You will stop getting e-mail messages from your local police about your area.</p>
      {state.kind === 'failed' && <Failure state={state} retry={() => void run()} />}
      <button type="button" className="r-button" onClick={() => void run()}>
        {state.kind === 'busy' ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
    </>
  );
}
