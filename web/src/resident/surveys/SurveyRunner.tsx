import type { Answers, Locale } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { visibleQuestions } from '@wardpulse/domain/surveys/visibility';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isEmpty } from './answers.ts';
import type { Translate } from '../strings/surveys.ts';
import { Link, navigate } from '../../shared/navigation.tsx';
import { questionCount } from './question-count.ts';
import { SurveyFacts } from './survey-facts.tsx';
import { loadProgress, loadSubmission, newResponseId, saveProgress, useStorageVersion, type Progress } from '../storage.ts';
import { Page } from './Page.tsx';
import { pageKey, stepPath, type RunnableSurvey, type Step } from './steps.ts';
import { CheckPage } from './CheckPage.tsx';
import { DonePage } from './DonePage.tsx';
import { QuestionPage } from './QuestionPage.tsx';

/** Moves focus to the page's heading after an in-app page change, as a full page load would. */
function useFocusHeadingOnChange(key: string) {
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }, [key]);
}

interface RunnerProps {
  survey: RunnableSurvey;
  step: Step;
  locale: Locale;
  t: Translate;
  /** For "For all of West Midlands Police"; null while it loads. */
  forceName: string | null;
}

/**
 * One survey, one thing per page: intro → each visible question → "Check your answers" → sent
 * (or saved on the phone until it can be). Progress is written to the phone on every change.
 */
export function SurveyRunner({ survey, step, locale, t, forceName }: RunnerProps) {
  const { surveyId, version, slug, content } = survey;
  const questions = content.questions;
  const [progress, setProgress] = useState<Progress | null>(() => loadProgress(surveyId, version));
  useStorageVersion();
  const record = progress ? loadSubmission(progress.responseId) : null;

  const update = (next: Progress | null) => {
    saveProgress(surveyId, version, next);
    setProgress(next);
  };
  const answers: Answers = progress?.answers ?? {};
  const pages = visibleQuestions(questions, answers);
  const counted = pages.filter((q) => q.type !== 'statement');

  // Keep the URL on a page that exists for this resident's answers.
  const redirect = ((): string | null => {
    if (!progress) return step.kind === 'intro' ? null : stepPath(slug, 'intro');
    if (progress.stage === 'submitted') return step.kind === 'done' ? null : stepPath(slug, 'done');
    if (step.kind === 'done') return stepPath(slug, 'check');
    if (step.kind === 'question' && !pages.some((q) => q.id === step.id)) return pages[0] ? stepPath(slug, { question: pages[0].id }) : stepPath(slug, 'check');
    return null;
  })();
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  useEffect(() => {
    if (progress && progress.stage === 'answering' && (step.kind === 'question' || step.kind === 'check')) {
      const lastPage = step.kind === 'question' ? step.id : 'check';
      if (progress.lastPage !== lastPage) update({ ...progress, lastPage });
    }
  });
  useFocusHeadingOnChange(pageKey(step) + (record?.state ?? ''));

  const title = localise(content.title, locale);
  if (redirect) return null;

  const start = () => {
    const fresh: Progress = { responseId: newResponseId(), startedAt: new Date().toISOString(), answers: {}, wardLabels: {}, stage: 'answering', updatedAt: '' };
    update(fresh);
    const first = visibleQuestions(questions, {})[0];
    navigate(first ? stepPath(slug, { question: first.id }) : stepPath(slug, 'check'));
  };

  if (!survey.open && (!progress || progress.stage === 'answering')) {
    return (
      <Page title={t('closedTitle')} surveyTitle={title}>
        <h1>{t('closedTitle')}</h1>
        <p>{survey.closedReason}</p>
        <p>
          <Link to="/">{t('seeOpenSurveys')}</Link>
        </p>
      </Page>
    );
  }

  if (step.kind === 'intro') {
    const answered = progress ? Object.values(progress.answers).filter((a) => !isEmpty(a)).length : 0;
    const count = questionCount(questions);
    return (
      <Page title={title} surveyTitle="">
        <h1>{title}</h1>
        <SurveyFacts survey={survey} forceName={forceName} t={t} />
        {content.intro && <p className="r-lead">{localise(content.intro, locale)}</p>}
        <ul className="r-facts">
          <li data-testid="question-count">
            {count.min === count.max ? t.plural('questionCount', count.max) : count.min === 0 ? t.plural('upToQuestionCount', count.max) : t.plural('questionRange', count.max, { min: count.min })}
          </li>
          <li>{t('savedAsYouGo')}</li>
          <li>{t('anonymous')}</li>
        </ul>
        {progress ? (
          <div className="r-inset">
            <h2>{t('resumeHeading')}</h2>
            <p>{t.plural('resumeBody', answered)}</p>
            <div className="r-button-group">
              <button type="button" className="r-button" onClick={() => navigate(progress.lastPage === 'check' ? stepPath(slug, 'check') : stepPath(slug, { question: progress.lastPage ?? pages[0]?.id ?? '' }))}>
                {t('continueWhereLeft')}
              </button>
              <button
                type="button"
                className="r-button r-button--secondary"
                onClick={() => {
                  if (window.confirm(t('startAgainConfirm'))) start();
                }}
              >
                {t('startAgain')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="r-button r-button--start" onClick={start}>
            {t('startNow')}
          </button>
        )}
      </Page>
    );
  }

  if (!progress) return null;

  if (step.kind === 'question') {
    const question = pages.find((q) => q.id === step.id)!;
    const index = pages.indexOf(question);
    const previous = pages[index - 1];
    const back = step.returnToCheck ? stepPath(slug, 'check') : previous ? stepPath(slug, { question: previous.id }) : stepPath(slug, 'intro');
    const next = step.returnToCheck ? stepPath(slug, 'check') : pages[index + 1] ? stepPath(slug, { question: pages[index + 1]!.id }) : stepPath(slug, 'check');
    return (
      <QuestionPage
        key={question.id}
        question={question}
        questions={questions}
        position={question.type === 'statement' ? null : { n: counted.indexOf(question) + 1, total: Math.max(counted.length, questionCount(questions, answers).max) }}
        progress={progress}
        back={back}
        next={next}
        surveyTitle={title}
        locale={locale}
        t={t}
        update={update}
      />
    );
  }

  if (step.kind === 'check') {
    return <CheckPage survey={survey} pages={pages} progress={progress} locale={locale} t={t} update={update} />;
  }

  return <DonePage survey={survey} progress={progress} record={record} locale={locale} t={t} update={update} />;
}
