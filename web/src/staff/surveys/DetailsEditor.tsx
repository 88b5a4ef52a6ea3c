import { LOCALE_INFO, type SurveyContent, type Targeting } from '@wardpulse/domain';
import { fieldDomId, type Problem } from './problems.ts';
import { orderedLocales } from './translation-strings.ts';
import { EnglishField } from './fields.tsx';
import { TargetingEditor } from './TargetingEditor.tsx';

/** Opening and closing days as the date inputs hold them (`YYYY-MM-DD`, local time), or empty. */
export interface Dates {
  opensAt: string;
  closesAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** A survey closes at the end of its closing day, i.e. at midnight starting the next one. */
export function datesFromSurvey(survey: { opensAt?: string | undefined; closesAt?: string | undefined }): Dates {
  return {
    opensAt: survey.opensAt ? day(new Date(survey.opensAt)) : '',
    closesAt: survey.closesAt ? day(new Date(new Date(survey.closesAt).getTime() - 1)) : '',
  };
}

function toIso(value: string, endOfDay: boolean): string | null {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + (endOfDay ? 1 : 0)).toISOString();
}

export function datesChanged(dates: Dates, survey: { opensAt?: string | undefined; closesAt?: string | undefined }): boolean {
  const saved = datesFromSurvey(survey);
  return saved.opensAt !== dates.opensAt || saved.closesAt !== dates.closesAt;
}

/** Only the dates the officer changed, so an exact time set elsewhere is not rounded to a day. */
export function datesToSave(dates: Dates, survey: { opensAt?: string | undefined; closesAt?: string | undefined }): { opensAt?: string | null; closesAt?: string | null } {
  const saved = datesFromSurvey(survey);
  return {
    ...(saved.opensAt !== dates.opensAt ? { opensAt: dates.opensAt ? toIso(dates.opensAt, false) : null } : {}),
    ...(saved.closesAt !== dates.closesAt ? { closesAt: dates.closesAt ? toIso(dates.closesAt, true) : null } : {}),
  };
}

export function datesProblems(dates: Dates): Problem[] {
  if (dates.opensAt && dates.closesAt && dates.closesAt < dates.opensAt) return [{ path: ['closesAt'], message: 'The closing day must be on or after the opening day.', severity: 'error' }];
  return [];
}

/** The survey's own words (title, introduction, thanks), its dates, who it is for and its languages. */
export function DetailsEditor({
  content,
  dates,
  targeting,
  readOnly,
  onChange,
  onDates,
  onTargeting,
  onTranslations,
  titleWarning = null,
}: {
  content: SurveyContent;
  /** Shown under the title, e.g. when another survey already has it; never blocks saving. */
  titleWarning?: string | null;
  dates: Dates;
  targeting: Targeting;
  readOnly: boolean;
  onChange: (content: SurveyContent) => void;
  onDates: (dates: Dates) => void;
  onTargeting: (targeting: Targeting) => void;
  onTranslations: () => void;
}) {
  const datesError = datesProblems(dates)[0]?.message;
  return (
    <section className="sv-question" aria-labelledby="sv-details-title">
      <h2 id="sv-details-title" tabIndex={-1}>
        Survey details
      </h2>
      <fieldset className="sv-plain" disabled={readOnly}>
        <legend className="s-visually-hidden">Survey details</legend>
        <EnglishField path={['title']} label="Title (English)" hint="Residents see it at the top of every page." value={content.title} onChange={(title) => title && onChange({ ...content, title })} />
        {titleWarning && !readOnly && (
          <p className="sv-warning" role="status" data-testid="duplicate-title">
            {titleWarning}
          </p>
        )}
        <EnglishField path={['intro']} label="Introduction (English, optional)" hint="What the survey is for and how long it takes." value={content.intro} optional multiline onChange={(intro) => onChange({ ...content, intro })} />
        <EnglishField path={['thanks']} label="Thank-you message (English, optional)" hint="Shown after the resident sends their answers." value={content.thanks} optional multiline onChange={(thanks) => onChange({ ...content, thanks })} />
        <div className="sv-dates">
          <div className="s-field sv-field">
            <label htmlFor={fieldDomId(['opensAt'])}>Opens on (optional)</label>
            <span className="s-hint" id={`${fieldDomId(['opensAt'])}-hint`}>
              Leave empty to open as soon as it is published.
            </span>
            <input id={fieldDomId(['opensAt'])} type="date" value={dates.opensAt} aria-describedby={`${fieldDomId(['opensAt'])}-hint`} onChange={(event) => onDates({ ...dates, opensAt: event.target.value })} />
          </div>
          <div className={`s-field sv-field${datesError ? ' s-field-error' : ''}`}>
            <label htmlFor={fieldDomId(['closesAt'])}>Closes at the end of (optional)</label>
            <span className="s-hint" id={`${fieldDomId(['closesAt'])}-hint`}>
              Leave empty to keep it open until you close it.
            </span>
            {datesError && (
              <span className="s-error" id={`${fieldDomId(['closesAt'])}-error`}>
                <span className="s-visually-hidden">Error: </span>
                {datesError}
              </span>
            )}
            <input
              id={fieldDomId(['closesAt'])}
              type="date"
              value={dates.closesAt}
              aria-invalid={datesError ? true : undefined}
              aria-describedby={`${fieldDomId(['closesAt'])}-hint${datesError ? ` ${fieldDomId(['closesAt'])}-error` : ''}`}
              onChange={(event) => onDates({ ...dates, closesAt: event.target.value })}
            />
          </div>
        </div>
      </fieldset>
      <TargetingEditor targeting={targeting} readOnly={readOnly} onChange={onTargeting} />
      <p>
        Languages: {orderedLocales(content.locales).map((l) => LOCALE_INFO[l].name).join(', ')}.{' '}
        <button type="button" className="sv-link-like" onClick={onTranslations}>
          Change languages and translations
        </button>
      </p>
    </section>
  );
}
