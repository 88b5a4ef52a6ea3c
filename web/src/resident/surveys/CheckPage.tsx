import type { Locale, Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { useRef, useState, type FormEvent } from 'react';
import { answerDisplay, answerProblem, answersToSend } from './answers.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../../shared/ErrorSummary.tsx';
import type { Translate } from '../strings/surveys.ts';
import { BackLink, Link } from '../../shared/navigation.tsx';
import { enqueue } from './outbox.ts';
import { loadSubmission, newResponseId, type Progress } from '../storage.ts';
import { Page } from './Page.tsx';
import { stepPath, type RunnableSurvey } from './steps.ts';

export interface CheckPageProps {
  survey: RunnableSurvey;
  pages: Question[];
  progress: Progress;
  locale: Locale;
  t: Translate;
  update(progress: Progress | null): void;
}

export function CheckPage({ survey, pages, progress, locale, t, update }: CheckPageProps) {
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
