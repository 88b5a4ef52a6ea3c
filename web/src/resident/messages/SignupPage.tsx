import type { Topic } from '@wardpulse/domain';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api.ts';
import { usePostcodeExample } from '../postcode-example.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import { publicApi } from './client.ts';
import { ErrorText, fieldForIssue, TopicFields, TOPICS_FIELD, WardFields, WARDS_FIELD, type FieldError } from './fields.tsx';
import { signupProblems, type WhereMode } from './signup.ts';
import { useT } from '../strings/messages.ts';

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
  const t = useT();
  const example = usePostcodeExample();

  useEffect(() => {
    document.title = `${sentTo ? t('checkEmailTitle') : t('signupTitle')} — WardPulse`;
  }, [sentTo, t]);
  useEffect(() => {
    if (sentTo) panel.current?.focus();
  }, [sentTo]);

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.text;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = signupProblems({ email, mode, postcode, wardCodes, topics }, t, example);
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
        setFailure(error instanceof ApiError && error.status === 0 ? t('offlineNothingSent') : error instanceof Error && error.message ? error.message : t('somethingWrong'));
      }
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <>
        <div className="r-panel" ref={panel} tabIndex={-1}>
          <h1 className="r-panel__title">{t('checkEmailTitle')}</h1>
          <p className="r-panel__body">{t('sentLinkTo', { email: sentTo })}</p>
        </div>
        <p>{t('openTheEmail')}</p>
        <p>{t('checkSpam')}</p>
      </>
    );
  }

  const emailError = errorFor('email');
  const postcodeError = errorFor('postcode');
  return (
    <>
      <ErrorSummary title={t('problem')} items={errors.map((error) => ({ text: error.text, href: `#${error.field}` }))} focusKey={focusKey} />
      <h1>{t('signupTitle')}</h1>
      <p className="r-lead">{t('signupIntro', { force: forceName ?? t('yourLocalPolice') })}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className={emailError ? 'r-form-group r-form-group--error' : 'r-form-group'}>
          <label className="r-label" htmlFor="email">
            {t('emailLabel')}
          </label>
          <p className="r-hint" id="email-hint">
            {t('emailHint')}
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
            <legend className="r-legend r-legend--m">{t('whereLegend')}</legend>
            <div className="r-radios">
              <div className="r-radio">
                <input className="r-radio__input" type="radio" id="where-postcode" name="where" checked={mode === 'postcode'} onChange={() => setMode('postcode')} />
                <label className="r-radio__label" htmlFor="where-postcode">
                  {t('wherePostcode')}
                </label>
              </div>
              <div className="r-radio">
                <input className="r-radio__input" type="radio" id="where-wards" name="where" checked={mode === 'wards'} onChange={() => setMode('wards')} />
                <label className="r-radio__label" htmlFor="where-wards">
                  {t('whereWards')}
                </label>
              </div>
            </div>
          </fieldset>
        </div>

        {mode === 'postcode' ? (
          <div className={postcodeError ? 'r-form-group r-form-group--error m-conditional' : 'r-form-group m-conditional'}>
            <label className="r-label" htmlFor="postcode">
              {t('postcodeLabel')}
            </label>
            <p className="r-hint" id="postcode-hint">
              {example ? t('postcodeHint', { postcode: example.postcode }) : t('postcodeHintNoExample')}
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
            <WardFields wardCodes={wardCodes} error={errorFor(WARDS_FIELD)} legend={t('whichWards')} onChange={setWardCodes} />
          </div>
        )}

        <TopicFields topics={topics} error={errorFor(TOPICS_FIELD)} onChange={setTopics} />

        <div className="r-honeypot" aria-hidden="true">
          <label htmlFor="website">{t('honeypot')}</label>
          <input id="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(event) => setWebsite(event.target.value)} />
        </div>

        <h2>{t('howWeUse')}</h2>
        <ul className="r-facts">
          <li>{t('useKeep')}</li>
          <li>{t('useNoPostcode')}</li>
          <li>{t('useLinks')}</li>
        </ul>

        {failure && (
          <div className="r-alert" role="alert">
            <p>{failure}</p>
          </div>
        )}
        <button type="submit" className="r-button">
          {busy ? t('signingUp') : t('signUp')}
        </button>
      </form>
    </>
  );
}
