import type { Locale } from '@wardpulse/domain';
import { langTag, type Translate } from '../strings/surveys.ts';

/** What tells two surveys of the same title apart: its wave, who it is for, and its dates. */
export interface SurveyFactsInput {
  wave: number;
  opensAt?: string;
  closesAt?: string;
  area: { scope: 'force' | 'districts' | 'areas' | 'wards'; names: string[] };
}

/** "31 Jan 2027" in en-GB, in UK time. */
export function surveyDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(langTag(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(iso));
}

/**
 * The survey's facts as short phrases: "Wave 2", "For Abbey and Northvale", "Open until 31 Jan 2027".
 * A survey closes at `closesAt` (exclusive), so one closing at midnight is open until the day before.
 */
export function surveyFacts(survey: SurveyFactsInput, forceName: string | null, t: Translate): string[] {
  const facts = [t('wave', { n: survey.wave })];
  if (survey.area.scope === 'force') {
    if (forceName) facts.push(t('areaForce', { force: forceName }));
  } else if (survey.area.names.length > 0) {
    const places = new Intl.ListFormat(langTag(t.locale), { style: 'long', type: 'conjunction' }).format(survey.area.names);
    facts.push(t('areaNamed', { places }));
  }
  if (survey.closesAt) facts.push(t('openUntil', { date: surveyDate(new Date(new Date(survey.closesAt).getTime() - 1).toISOString(), t.locale) }));
  else if (survey.opensAt) facts.push(t('openSince', { date: surveyDate(survey.opensAt, t.locale) }));
  return facts;
}

export function SurveyFacts({ survey, forceName, t, className = 'r-survey-facts' }: { survey: SurveyFactsInput; forceName: string | null; t: Translate; className?: string }) {
  return (
    <ul className={className} aria-label={t('surveyDetails')}>
      {surveyFacts(survey, forceName, t).map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
  );
}
