/** Form pieces the sign-up pages share: error text, the topic checkboxes, the ward list. */
import { TOPICS, type Topic } from '@wardpulse/domain/constants/topics';
import { useEffect, useState, type ReactNode } from 'react';
import { publicApi, type WardChoices } from './client.ts';
import { toggle } from './helpers.ts';
import { topicLabel, useT } from '../strings/messages.ts';

export interface FieldError {
  /** The id of the control that fixes it. */
  field: string;
  text: string;
}

export function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={id} className="r-error-message">
      <span className="r-visually-hidden">{t('errorPrefix')} </span>
      {error}
    </p>
  );
}

export function Checkbox({ id, label, checked, invalid, describedBy, onChange }: { id: string; label: ReactNode; checked: boolean; invalid?: boolean; describedBy?: string; onChange: (on: boolean) => void }) {
  return (
    <div className="r-checkbox">
      <input
        className="r-checkbox__input"
        type="checkbox"
        id={id}
        checked={checked}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="r-checkbox__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

export const TOPICS_FIELD = 'topics';
export const WARDS_FIELD = 'wards';

/** "What do you want to hear about?": at least one topic. */
export function TopicFields({ topics, error, onChange }: { topics: Topic[]; error: string | undefined; onChange: (topics: Topic[]) => void }) {
  const t = useT();
  return (
    <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
      <fieldset className="r-fieldset" aria-describedby={['topics-hint', error ? 'topics-error' : ''].filter(Boolean).join(' ')}>
        <legend className="r-legend r-legend--m">{t('topicsLegend')}</legend>
        <p className="r-hint" id="topics-hint">
          {t('selectAll')}
        </p>
        <ErrorText id="topics-error" error={error} />
        <div className="r-checkboxes">
          {TOPICS.map((topic, index) => (
            <Checkbox
              key={topic}
              id={index === 0 ? TOPICS_FIELD : `topic-${topic}`}
              label={topicLabel(t, topic)}
              checked={topics.includes(topic)}
              invalid={Boolean(error)}
              onChange={(on) => onChange(TOPICS.filter((other) => (other === topic ? on : topics.includes(other))))}
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** Every ward of the force, grouped by district, as checkboxes. */
export function WardFields({ wardCodes, error, legend, onChange }: { wardCodes: string[]; error: string | undefined; legend: string; onChange: (codes: string[]) => void }) {
  const [wards, setWards] = useState<WardChoices | 'failed' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const t = useT();
  useEffect(() => {
    let live = true;
    publicApi
      .wards()
      .then((value) => live && setWards(value))
      .catch(() => live && setWards('failed'));
    return () => {
      live = false;
    };
  }, [attempt]);

  let first = true;
  const firstId = () => {
    const id = first ? WARDS_FIELD : undefined;
    first = false;
    return id;
  };
  return (
    <div className={error ? 'r-form-group r-form-group--error' : 'r-form-group'}>
      <fieldset className="r-fieldset" aria-describedby={['wards-hint', error ? 'wards-error' : ''].filter(Boolean).join(' ')}>
        <legend className="r-legend r-legend--m">{legend}</legend>
        <p className="r-hint" id="wards-hint">
          {t('wardsHint')}
        </p>
        <ErrorText id="wards-error" error={error} />
        {wards === null && <p role="status">{t('loadingWards')}</p>}
        {wards === 'failed' && (
          <div className="r-alert" role="alert">
            <p>{t('wardsFailed')}</p>
            <button type="button" id={WARDS_FIELD} className="r-button r-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t('tryAgain')}
            </button>
          </div>
        )}
        {wards && wards !== 'failed' && wards.districts.length === 0 && <p className="r-empty">{t('noWards')}</p>}
        {wards &&
          wards !== 'failed' &&
          wards.districts.map((district) => (
            <fieldset className="r-fieldset m-district" key={district.code}>
              <legend className="m-district__legend">{district.name}</legend>
              <div className="r-checkboxes">
                {district.wards.map((ward) => (
                  <Checkbox
                    key={ward.code}
                    id={firstId() ?? `ward-${ward.code}`}
                    label={ward.name}
                    checked={wardCodes.includes(ward.code)}
                    invalid={Boolean(error)}
                    onChange={(on) => onChange(toggle(wardCodes, ward.code, on))}
                  />
                ))}
              </div>
            </fieldset>
          ))}
      </fieldset>
    </div>
  );
}

/** Maps an API 422's issue paths to the form's fields. */
export function fieldForIssue(path: (string | number)[]): string {
  const key = String(path.find((part) => typeof part === 'string' && part !== 'body') ?? '');
  if (key === 'email') return 'email';
  if (key === 'postcode') return 'postcode';
  if (key === 'wardCodes') return WARDS_FIELD;
  if (key === 'topics') return TOPICS_FIELD;
  return 'email';
}

/** The filled-in value of a translated sentence as an element (`Messages go to <strong>…</strong>.`), in the language's word order. */
export const SLOT = '\u0001';
export function WithNode({ text, node }: { text: string; node: ReactNode }) {
  const [before = '', after = ''] = text.split(SLOT);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
