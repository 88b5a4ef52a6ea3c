import type { Locale } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { useState } from 'react';
import { ErrorSummary, type ErrorSummaryItem } from '../../shared/ErrorSummary.tsx';
import type { Translate } from '../strings/surveys.ts';
import { Link, navigate } from '../../shared/navigation.tsx';
import { send } from './outbox.ts';
import type { loadSubmission} from '../storage.ts';
import { shortReference, type Progress } from '../storage.ts';
import { Page } from './Page.tsx';
import { stepPath, type RunnableSurvey } from './steps.ts';

export interface DonePageProps {
  survey: RunnableSurvey;
  progress: Progress;
  record: ReturnType<typeof loadSubmission>;
  locale: Locale;
  t: Translate;
  update(progress: Progress | null): void;
}

export function DonePage({ survey, progress, record, locale, t, update }: DonePageProps) {
  const [trying, setTrying] = useState(false);
  const surveyTitle = localise(survey.content.title, locale);
  const reference = shortReference(progress.responseId);
  const again = () => {
    update(null);
    navigate(stepPath(survey.slug, 'intro'));
  };

  if (record?.state === 'sent') {
    return (
      <Page title={t('sentTitle')} surveyTitle={surveyTitle}>
        <div className="r-panel">
          <h1 className="r-panel__title">{t('sentTitle')}</h1>
          <div className="r-panel__body">
            {t('reference')}
            <br />
            <strong className="r-reference" data-response-id={progress.responseId}>
              {reference}
            </strong>
          </div>
        </div>
        {survey.content.thanks && <p className="r-lead">{localise(survey.content.thanks, locale)}</p>}
        <p className="r-hint">{t('referenceHint')}</p>
        <p>
          <Link to="/">{t('otherSurveys')}</Link>
        </p>
        <p>
          <button type="button" className="r-link-button" onClick={again}>
            {t('answerAgain')}
          </button>
        </p>
      </Page>
    );
  }

  if (record?.state === 'rejected') {
    const byId = new Map(survey.content.questions.map((q) => [q.id, q]));
    const items: ErrorSummaryItem[] = [
      { text: record.message, href: stepPath(survey.slug, 'check') },
      ...record.issues.flatMap((issue) => {
        const question = issue.path[0] === 'answers' ? byId.get(String(issue.path[1])) : undefined;
        return question ? [{ text: `${localise(question.title, locale)}: ${issue.message}`, href: stepPath(survey.slug, { question: question.id, returnToCheck: true }) }] : [];
      }),
    ];
    const review = () => update({ ...progress, stage: 'answering' });
    return (
      <Page title={t('rejectedTitle')} surveyTitle={surveyTitle} error>
        <ErrorSummary items={items} title={t('problem')} />
        <h1>{t('rejectedTitle')}</h1>
        <p>{record.message}</p>
        <div className="r-button-group">
          <button type="button" className="r-button" onClick={review}>
            {t('checkTitle')}
          </button>
          <button type="button" className="r-button r-button--secondary" onClick={again}>
            {t('startAgain')}
          </button>
        </div>
      </Page>
    );
  }

  if (record?.state === 'pending' && record.attempts > 0) {
    const tryNow = () => {
      setTrying(true);
      void send(progress.responseId).finally(() => setTrying(false));
    };
    return (
      <Page title={t('savedTitle')} surveyTitle={surveyTitle}>
        <div className="r-panel r-panel--saved">
          <h1 className="r-panel__title">{t('savedTitle')}</h1>
        </div>
        <p className="r-lead" role="status">
          {record.reason === 'offline' ? t('savedOffline') : t('savedBusy')}
        </p>
        <p>{t('savedKeepOpen')}</p>
        <p>
          {t('reference')}: <strong className="r-reference">{reference}</strong>
        </p>
        <button type="button" className="r-button r-button--secondary" onClick={tryNow} aria-disabled={trying}>
          {trying ? t('sending') : t('sendNow')}
        </button>
      </Page>
    );
  }

  if (!record) {
    // The record is gone (storage cleared elsewhere): nothing is queued, so let them send again.
    return (
      <Page title={t('checkTitle')} surveyTitle={surveyTitle}>
        <h1>{t('checkTitle')}</h1>
        <button type="button" className="r-button" onClick={() => update({ ...progress, stage: 'answering' })}>
          {t('checkTitle')}
        </button>
      </Page>
    );
  }

  return (
    <Page title={t('sending')} surveyTitle={surveyTitle}>
      <h1 role="status">{t('sending')}</h1>
    </Page>
  );
}
