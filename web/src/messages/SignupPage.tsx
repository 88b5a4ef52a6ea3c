import type { Topic } from '@wardpulse/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { publicApi } from './client.ts';
import { ErrorSummary, ErrorText, fieldForIssue, TopicFields, TOPICS_FIELD, WardFields, WARDS_FIELD, type FieldError } from './fields.tsx';
import { signupProblems, type WhereMode } from './signup.ts';

/**
 * Signing up for messages: an e-mail address, a postcode (which finds the ward and is then
 * forgotten) or wards chosen from a list, and topics. Nothing is sent until the resident
 * confirms from the e-mail we send (double opt-in).
 */
export function SignupPage({ forceName }: { forceName: string | null }) {
  const [email, setEmail] = useState('');
  const [mode, setMode] = useState<WhereMode>('postcode');
  const [postcode, setPostcode] = useState('');
  const [wardCodes, setWardCodes] = useState<string[]>([]);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${sentTo ? 'Check your e-mail' : 'Get messages about your area'} — WardPulse`;
    if (sentTo) panel.current?.focus();
  }, [sentTo]);

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.text;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = signupProblems({ email, mode, postcode, wardCodes, topics });
    setErrors(found);
    setFailure(null);
    if (found.length > 0) {
      setFocusKey((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await publicApi.signUp({
        email: email.trim(),
        topics,
        ...(mode === 'postcode' ? { postcode: postcode.trim() } : { wardCodes }),
        ...(website ? { website } : {}),
      });
      setSentTo(email.trim());
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429 && error.issues.length > 0) {
        setErrors(error.issues.map((issue) => ({ field: fieldForIssue(issue.path), text: issue.message })));
        setFocusKey((n) => n + 1);
      } else if (error instanceof ApiError && error.status === 404 && mode === 'postcode') {
        setErrors([{ field: 'postcode', text: error.message }]);
        setFocusKey((n) => n + 1);
      } else {
        setFailure(error instanceof ApiError && error.status === 0 ? 'You seem to be offline. Nothing was sent: try again when you have a connection.' : error instanceof Error ? error.message : 'Something went wrong.');
      }
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">Check your e-mail</h1>
          <p className="r-panel__body">We have sent a link to {sentTo}</p>
        </div>
        <p>Open the e-mail and choose the link to confirm. You will not get any messages until you do.</p>
        <p>If it has not arrived in a few minutes, check your spam or junk folder.</p>
      </>
    );
  }

  const emailError = errorFor('email');
  const postcodeError = errorFor('postcode');
  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1>Get messages about your area</h1>
      <p className="r-lead">
        {forceName ?? 'Your local police'} can e-mail you about what is happening where you live: what the problem is, what the police are doing about it and what you can do.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className={emailError ? 'r-form-group r-form-group--error' : 'r-form-group'}>
          <label className="r-label" htmlFor="email">
            Email address
          </label>
          <p className="r-hint" id="email-hint">
            We will only use this to send the messages you choose.
          </p>
          <ErrorText id="email-error" error={emailError} />
          <input
            id="email"
            className={`r-input${emailError ? ' r-input--error' : ''}`}
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={['email-hint', emailError ? 'email-error' : ''].filter(Boolean).join(' ')}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>

        <div className="r-form-group">
          <fieldset className="r-fieldset">
            <legend className="r-legend r-legend--m">Where do you want messages about?</legend>
            <div className="r-radios">
              <div className="r-radio">
                <input className="r-radio__input" type="radio" id="where-postcode" name="where" checked={mode === 'postcode'} onChange={() => setMode('postcode')} />
                <label className="r-radio__label" htmlFor="where-postcode">
                  Where I live (enter a postcode)
                </label>
              </div>
              <div className="r-radio">
                <input className="r-radio__input" type="radio" id="where-wards" name="where" checked={mode === 'wards'} onChange={() => setMode('wards')} />
                <label className="r-radio__label" htmlFor="where-wards">
                  Choose wards from a list
                </label>
              </div>
            </div>
          </fieldset>
        </div>

        {mode === 'postcode' ? (
          <div className={postcodeError ? 'r-form-group r-form-group--error m-conditional' : 'r-form-group m-conditional'}>
            <label className="r-label" htmlFor="postcode">
              Postcode
            </label>
            <p className="r-hint" id="postcode-hint">
              We use it only to find your ward, then forget it. For example, B66 1AA.
            </p>
            <ErrorText id="postcode-error" error={postcodeError} />
            <input
              id="postcode"
              className={`r-input r-input--postcode${postcodeError ? ' r-input--error' : ''}`}
              type="text"
              autoComplete="postal-code"
              spellCheck={false}
              value={postcode}
              aria-invalid={postcodeError ? true : undefined}
              aria-describedby={['postcode-hint', postcodeError ? 'postcode-error' : ''].filter(Boolean).join(' ')}
              onChange={(event) => setPostcode(event.target.value)}
            />
          </div>
        ) : (
          <div className="m-conditional">
            <WardFields wardCodes={wardCodes} error={errorFor(WARDS_FIELD)} legend="Which wards?" onChange={setWardCodes} />
          </div>
        )}

        <TopicFields topics={topics} error={errorFor(TOPICS_FIELD)} onChange={setTopics} />

        <div className="r-honeypot" aria-hidden="true">
          <label htmlFor="website">Leave this empty</label>
          <input id="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(event) => setWebsite(event.target.value)} />
        </div>

        <h2>How we use your information</h2>
        <ul className="r-facts">
          <li>We keep your e-mail address, your wards and your topics, apart from everything else, only to send you messages.</li>
          <li>We do not keep your postcode, and we never share your address or use it for anything else.</li>
          <li>Every message has a link to change your areas and topics, to stop the messages, or to delete your details.</li>
        </ul>

        {failure && (
          <div className="r-alert" role="alert">
            <p>{failure}</p>
          </div>
        )}
        <button type="submit" className="r-button">
          {busy ? 'Signing you up…' : 'Sign up'}
        </button>
      </form>
    </>
  );
}
