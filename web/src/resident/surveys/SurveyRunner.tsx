import type { Answer, Answers, Locale, Question, SurveyContent } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { visibleQuestions } from '@wardpulse/domain/surveys/visibility';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { answerDisplay, answerProblem, answersToSend, isEmpty, withoutHidden } from './answers.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../../shared/ErrorSummary.tsx';
import type { Translate } from '../strings/surveys.ts';
import { BackLink, Link, navigate } from '../../shared/navigation.tsx';
import { enqueue, send } from './outbox.ts';
import { MultipleQuestionView, RadioQuestionView } from './questions/choice.tsx';
import { fieldId } from './questions/field.tsx';
import { LocationQuestionView } from './questions/location.tsx';
import { RankingQuestionView } from './questions/ranking.tsx';
import { TextQuestionView } from './questions/text.tsx';
import { questionCount } from './question-count.ts';
import { SurveyFacts, type SurveyFactsInput } from './survey-facts.tsx';
import { loadProgress, loadSubmission, newResponseId, saveProgress, shortReference, useStorageVersion, type Progress } from '../storage.ts';

/** What the runner needs of `GET /api/public/surveys/{slug}`. */
export interface RunnableSurvey extends SurveyFactsInput {
  surveyId: string;
  version: number;
  slug: string;
  content: SurveyContent;
  open: boolean;
  closedReason?: string;
}

export type Step = { kind: 'intro' } | { kind: 'question'; id: string; returnToCheck: boolean } | { kind: 'check' } | { kind: 'done' };

/** `/s/<slug>` → intro, `/s/<slug>/q/<id>` → a question, `/s/<slug>/check`, `/s/<slug>/done`. */
export function parseStep(rest: string, search: string): Step | null {
  if (rest === '' || rest === '/') return { kind: 'intro' };
  const question = /^\/q\/([a-z][a-z0-9_]*)$/.exec(rest);
  if (question) return { kind: 'question', id: question[1]!, returnToCheck: new URLSearchParams(search).get('return') === 'check' };
  if (rest === '/check') return { kind: 'check' };
  if (rest === '/done') return { kind: 'done' };
  return null;
}

const stepPath = (slug: string, step: 'intro' | 'check' | 'done' | { question: string; returnToCheck?: boolean }) =>
  typeof step === 'string' ? (step === 'intro' ? `/s/${slug}` : `/s/${slug}/${step}`) : `/s/${slug}/q/${step.question}${step.returnToCheck ? '?return=check' : ''}`;

const pageKey = (step: Step) => (step.kind === 'question' ? `q:${step.id}` : step.kind);

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

function Page({ title, surveyTitle, error = false, children }: { title: string; surveyTitle: string; error?: boolean; children: ReactNode }) {
  useEffect(() => {
    document.title = `${error ? 'Error: ' : ''}${[title, surveyTitle].filter(Boolean).join(' – ')} – WardPulse`;
  }, [title, surveyTitle, error]);
  return <>{children}</>;
}

interface QuestionPageProps {
  question: Question;
  questions: readonly Question[];
  position: { n: number; total: number } | null;
  progress: Progress;
  back: string;
  next: string;
  surveyTitle: string;
  locale: Locale;
  t: Translate;
  update(progress: Progress): void;
}

function QuestionPage({ question, questions, position, progress, back, next, surveyTitle, locale, t, update }: QuestionPageProps) {
  const [error, setError] = useState<string | undefined>();
  const [draft, setDraft] = useState(false);
  const answer = progress.answers[question.id];

  const setAnswer = (value: Answer | undefined, wardLabel?: string) => {
    const answers = { ...progress.answers };
    const wardLabels = { ...progress.wardLabels };
    if (value === undefined) delete answers[question.id];
    else answers[question.id] = value;
    if (wardLabel !== undefined) wardLabels[question.id] = wardLabel;
    const kept = withoutHidden(questions, answers);
    for (const id of Object.keys(wardLabels)) if (!kept[id]) delete wardLabels[id];
    update({ ...progress, answers: kept, wardLabels });
  };

  const onContinue = (event: FormEvent) => {
    event.preventDefault();
    const problem = question.type === 'location' && draft && isEmpty(answer) ? t('confirmWard') : answerProblem(question, answer, t, locale);
    setError(problem ?? undefined);
    if (!problem) navigate(next);
  };

  const common = { answer, onAnswer: (value: Answer | undefined) => setAnswer(value), error, locale, t };
  const view = (() => {
    switch (question.type) {
      case 'single':
      case 'likert':
      case 'demographic':
      case 'scale10':
        return <RadioQuestionView question={question} {...common} />;
      case 'multiple':
        return <MultipleQuestionView question={question} {...common} />;
      case 'ranking':
        return <RankingQuestionView question={question} {...common} />;
      case 'text':
        return <TextQuestionView question={question} {...common} />;
      case 'location':
        return (
          <LocationQuestionView
            question={question}
            {...common}
            wardLabel={progress.wardLabels[question.id]}
            onWard={(value, label) => setAnswer(value, label)}
            onError={setError}
            onDraft={setDraft}
          />
        );
      case 'statement':
        return (
          <>
            <h1>{localise(question.title, locale)}</h1>
            {question.help && <p className="r-lead">{localise(question.help, locale)}</p>}
          </>
        );
    }
  })();

  const errorTarget = question.type === 'location' && !document.getElementById(fieldId(question)) ? `${fieldId(question)}-ward` : fieldId(question);
  return (
    <Page title={localise(question.title, locale)} surveyTitle={surveyTitle} error={Boolean(error)}>
      <BackLink to={back} label={t('back')} />
      {error && <ErrorSummary items={[{ text: error, href: `#${errorTarget}` }]} title={t('problem')} />}
      {position && (
        <div className="r-progress">
          <span className="r-caption">{t('progress', { n: position.n, total: position.total })}</span>
          <progress max={position.total} value={position.n} aria-hidden="true" />
        </div>
      )}
      <form noValidate onSubmit={onContinue} className={`r-question r-question--${question.type}`}>
        {view}
        <button type="submit" className="r-button">
          {t('continue')}
        </button>
      </form>
    </Page>
  );
}

interface CheckPageProps {
  survey: RunnableSurvey;
  pages: Question[];
  progress: Progress;
  locale: Locale;
  t: Translate;
  update(progress: Progress | null): void;
}

function CheckPage({ survey, pages, progress, locale, t, update }: CheckPageProps) {
  const { slug } = survey;
  const honeypot = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<ErrorSummaryItem[]>([]);
  const questions = pages.filter((q) => q.type !== 'statement');
  const last = pages[pages.length - 1];

  const onSend = (event: FormEvent) => {
    event.preventDefault();
    const problems = questions.flatMap((q) => {
      const problem = answerProblem(q, progress.answers[q.id], t, locale);
      return problem ? [{ text: `${localise(q.title, locale)}: ${problem}`, href: stepPath(slug, { question: q.id, returnToCheck: true }) }] : [];
    });
    setErrors(problems);
    if (problems.length > 0) return;
    const previous = loadSubmission(progress.responseId);
    // 409 means the id is taken by a different body: this attempt needs an id of its own.
    const responseId = previous?.state === 'rejected' && previous.status === 409 ? newResponseId() : progress.responseId;
    update({ ...progress, responseId, stage: 'submitted' });
    void enqueue(
      {
        id: responseId,
        surveyId: survey.surveyId,
        version: survey.version,
        locale,
        answers: answersToSend(survey.content.questions, progress.answers),
        startedAt: progress.startedAt,
        website: honeypot.current?.value ?? '',
      },
      slug,
    );
  };

  return (
    <Page title={t('checkTitle')} surveyTitle={localise(survey.content.title, locale)} error={errors.length > 0}>
      <BackLink to={last ? stepPath(slug, { question: last.id }) : stepPath(slug, 'intro')} label={t('back')} />
      <ErrorSummary items={errors} title={t('problem')} />
      <h1>{t('checkTitle')}</h1>
      <dl className="r-summary">
        {questions.map((question) => {
          const shown = answerDisplay(question, progress.answers[question.id], locale, progress.wardLabels[question.id]);
          const questionTitle = localise(question.title, locale);
          return (
            <div className="r-summary__row" key={question.id}>
              <dt className="r-summary__key">{questionTitle}</dt>
              <dd className="r-summary__value">
                {shown === null ? (
                  <span className="r-muted">{t('notAnswered')}</span>
                ) : Array.isArray(shown) ? (
                  <ul className="r-plain-list">
                    {shown.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="r-pre-wrap">{shown}</span>
                )}
              </dd>
              <dd className="r-summary__actions">
                <Link to={stepPath(slug, { question: question.id, returnToCheck: true })}>
                  {t('change')}
                  <span className="r-visually-hidden"> {questionTitle}</span>
                </Link>
              </dd>
            </div>
          );
        })}
      </dl>
      <form noValidate onSubmit={onSend}>
        <div className="r-honeypot" aria-hidden="true">
          <label htmlFor="website">{t('website')}</label>
          <input ref={honeypot} id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" className="r-button">
          {t('send')}
        </button>
      </form>
    </Page>
  );
}

interface DonePageProps {
  survey: RunnableSurvey;
  progress: Progress;
  record: ReturnType<typeof loadSubmission>;
  locale: Locale;
  t: Translate;
  update(progress: Progress | null): void;
}

function DonePage({ survey, progress, record, locale, t, update }: DonePageProps) {
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
