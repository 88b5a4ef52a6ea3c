import type { Question, WardCandidate } from '@wardpulse/domain';
import { parsePostcodeQuery } from '@wardpulse/domain/postcode';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { api, ApiError, unwrap } from '../../../shared/api.ts';
import { usePostcodeExample } from '../../postcode-example.ts';
import { describedBy, ErrorMessage, fieldId, Hint, QuestionTitle, type QuestionProps } from './field.tsx';

type LocationQuestion = Extract<Question, { type: 'location' }>;

type WardChoices = Awaited<ReturnType<typeof loadWards>>;
const loadWards = () => unwrap(api.api.public.wards.$get());

const wardLabel = (ward: string | undefined, district: string | undefined) => [ward, district].filter(Boolean).join(', ');

interface LocationProps extends QuestionProps<LocationQuestion> {
  /** The ward's display name, kept beside the answer for "Check your answers". */
  wardLabel: string | undefined;
  onWard(answer: { wardCode: string; method: 'postcode' | 'partial' | 'chosen' } | undefined, label?: string): void;
  /** Errors the look-up itself finds (unknown postcode, offline): shown like any other error. */
  onError(message: string | undefined): void;
  /** Whether something is typed in the postcode box that has not been looked up yet. */
  onDraft(typed: boolean): void;
}

type Mode = { kind: 'postcode' } | { kind: 'candidates'; partial: string; candidates: WardCandidate[] } | { kind: 'list' } | { kind: 'found' };

/**
 * "Where do you live?": a postcode (full → its ward to confirm; partial → choose among the wards
 * it covers) or a ward chosen from a list. Only `{ wardCode, method }` becomes the answer; the
 * postcode lives in this component's state and nowhere else.
 */
export function LocationQuestionView({ question, answer, error, locale, t, wardLabel: label, onWard, onError, onDraft }: LocationProps) {
  const [mode, setMode] = useState<Mode>(answer ? { kind: 'found' } : { kind: 'postcode' });
  const [postcode, setPostcode] = useState('');
  const [busy, setBusy] = useState(false);
  const [wards, setWards] = useState<WardChoices | 'failed' | null>(null);
  const chosen = answer && 'wardCode' in answer ? answer : undefined;
  const focusAfter = useRef<string | null>(null);
  const example = usePostcodeExample();
  const invalidPostcode = () => (example ? t('postcodeInvalid', { ...example }) : t('postcodeInvalidNoExample'));

  useEffect(() => {
    if (mode.kind !== 'list' || (wards && wards !== 'failed')) return;
    let live = true;
    loadWards()
      .then((value) => live && setWards(value))
      .catch(() => live && setWards('failed'));
    return () => {
      live = false;
    };
  }, [mode.kind, wards]);

  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const switchTo = (next: Mode, focus?: string) => {
    if (next.kind !== 'found') onWard(undefined);
    onError(undefined);
    onDraft(false);
    focusAfter.current = focus ?? null;
    setMode(next);
  };

  const lookUp = async (event: MouseEvent) => {
    // The button is the form's default, so Enter in the postcode box looks up rather than continuing.
    event.preventDefault();
    const query = parsePostcodeQuery(postcode);
    if (query.kind === 'invalid') return onError(postcode.trim() === '' ? t('enterPostcode') : invalidPostcode());
    setBusy(true);
    onError(undefined);
    try {
      if (query.kind === 'full') {
        const found = await unwrap(api.api.public.postcodes.lookup.$post({ json: { postcode: query.postcode } }));
        if (!found.inBoundaryVintage || !found.wardName) {
          onError(t('outsideBoundaries'));
          setMode({ kind: 'list' });
          return;
        }
        onWard({ wardCode: found.wardCode, method: 'postcode' }, wardLabel(found.wardName, found.districtName));
        focusAfter.current = `${fieldId(question)}-found`;
        setMode({ kind: 'found' });
      } else {
        const partial = query.kind === 'district' ? query.district : query.sector;
        const { candidates } = await unwrap(api.api.public['postcode-areas'].lookup.$post({ json: { partial } }));
        if (candidates.length === 1) {
          const only = candidates[0]!;
          onWard({ wardCode: only.wardCode, method: 'partial' }, wardLabel(only.wardName ?? only.wardCode, only.districtName));
          focusAfter.current = `${fieldId(question)}-found`;
          setMode({ kind: 'found' });
        } else {
          focusAfter.current = `${fieldId(question)}-candidates`;
          setMode({ kind: 'candidates', partial, candidates });
        }
      }
      setPostcode('');
      onDraft(false);
    } catch (problem) {
      if (!(problem instanceof ApiError) || problem.status === 0 || problem.status >= 500) onError(t('lookupOffline'));
      // The API words its answer in English; other languages get the same advice in their own words.
      else if (locale === 'en') onError(problem.message);
      else onError(problem.status === 404 ? t('postcodeNotFound') : invalidPostcode());
    } finally {
      setBusy(false);
    }
  };

  const heading = (
    <h1 className="r-question-title">
      <QuestionTitle question={question} locale={locale} t={t} />
    </h1>
  );
  const toList = (
    <p>
      <button type="button" className="r-link-button" onClick={() => switchTo({ kind: 'list' }, `${fieldId(question)}-ward`)}>
        {t('chooseFromList')}
      </button>
    </p>
  );

  if (mode.kind === 'found' && chosen) {
    return (
      <div className="r-form-group">
        {heading}
        <div className="r-panel-inset" id={`${fieldId(question)}-found`} tabIndex={-1}>
          <p className="r-found-label">{t('wardFound')}</p>
          <p className="r-found-ward">{t('youLiveIn', { ward: label ?? chosen.wardCode })}</p>
        </div>
        <p className="r-actions-inline">
          <button type="button" id={fieldId(question)} className="r-link-button" onClick={() => switchTo({ kind: 'postcode' }, fieldId(question))}>
            {t('changePostcode')}
          </button>
          <button type="button" className="r-link-button" onClick={() => switchTo({ kind: 'list' }, `${fieldId(question)}-ward`)}>
            {t('notYourWard')}
          </button>
        </p>
      </div>
    );
  }

  if (mode.kind === 'candidates') {
    return (
      <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
        {heading}
        <fieldset className="r-fieldset" aria-describedby={describedBy(question, error)}>
          <legend className="r-legend r-legend--m" id={`${fieldId(question)}-candidates`} tabIndex={-1}>
            {t('whichWard')}
          </legend>
          <div className="r-hint">{t('candidatesHint', { partial: mode.partial })}</div>
          <ErrorMessage question={question} error={error} t={t} />
          <div className="r-radios">
            {mode.candidates.map((candidate, index) => {
              const id = index === 0 ? fieldId(question) : `${fieldId(question)}-${candidate.wardCode}`;
              const name = wardLabel(candidate.wardName ?? candidate.wardCode, candidate.districtName);
              return (
                <div className="r-radio" key={candidate.wardCode}>
                  <input
                    className="r-radio__input"
                    type="radio"
                    id={id}
                    name={`${fieldId(question)}-candidate`}
                    checked={chosen?.wardCode === candidate.wardCode}
                    onChange={() => onWard({ wardCode: candidate.wardCode, method: 'partial' }, name)}
                  />
                  <label className="r-radio__label" htmlFor={id}>
                    {name}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <p>
          <button type="button" className="r-link-button" onClick={() => switchTo({ kind: 'list' }, `${fieldId(question)}-ward`)}>
            {t('noneOfTheseWards')}
          </button>
        </p>
      </div>
    );
  }

  if (mode.kind === 'list') {
    const wardId = `${fieldId(question)}-ward`;
    return (
      <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
        {heading}
        <Hint question={question} locale={locale} />
        <ErrorMessage question={question} error={error} t={t} />
        {wards === 'failed' ? (
          <p className="r-notice" role="alert">
            {t('wardListFailed')}{' '}
            <button type="button" className="r-link-button" onClick={() => setWards(null)}>
              {t('tryAgain')}
            </button>
          </p>
        ) : (
          <>
            <label className="r-label" htmlFor={wardId}>
              {t('yourWard')}
            </label>
            <select
              id={wardId}
              className={error ? 'r-select r-input--error' : 'r-select'}
              value={chosen?.wardCode ?? ''}
              aria-describedby={describedBy(question, error)}
              aria-invalid={error ? true : undefined}
              aria-busy={wards === null}
              onChange={(event) => {
                const code = event.target.value;
                const district = wards?.districts.find((d) => d.wards.some((w) => w.code === code));
                const ward = district?.wards.find((w) => w.code === code);
                onWard(code ? { wardCode: code, method: 'chosen' } : undefined, wardLabel(ward?.name, district?.name));
                onError(undefined);
              }}
            >
              <option value="">{wards === null ? t('loading') : t('selectWard')}</option>
              {wards?.districts.map((district) => (
                <optgroup key={district.code} label={district.name}>
                  {district.wards.map((ward) => (
                    <option key={ward.code} value={ward.code}>
                      {ward.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </>
        )}
        <p>
          <button type="button" className="r-link-button" onClick={() => switchTo({ kind: 'postcode' }, fieldId(question))}>
            {t('usePostcodeInstead')}
          </button>
        </p>
      </div>
    );
  }

  const postcodeHint = `${fieldId(question)}-postcode-hint`;
  return (
    <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
      {heading}
      <Hint question={question} locale={locale} />
      <label className="r-label" htmlFor={fieldId(question)}>
        {t('postcode')}
      </label>
      <div id={postcodeHint} className="r-hint">
        {example ? t('postcodeHint', { ...example }) : t('postcodeHintNoExample')}
      </div>
      <ErrorMessage question={question} error={error} t={t} />
      <div className="r-postcode-row">
        <input
          id={fieldId(question)}
          className={error ? 'r-input r-input--postcode r-input--error' : 'r-input r-input--postcode'}
          type="text"
          value={postcode}
          autoComplete="postal-code"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby={describedBy(question, error, postcodeHint)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setPostcode(event.target.value);
            onDraft(event.target.value.trim() !== '');
          }}
        />
        <button type="submit" className="r-button r-button--secondary" disabled={busy} onClick={(event) => void lookUp(event)}>
          {busy ? t('lookingUp') : t('findWard')}
        </button>
      </div>
      <p className="r-hint r-small">{t('postcodeNotKept')}</p>
      {toList}
    </div>
  );
}
