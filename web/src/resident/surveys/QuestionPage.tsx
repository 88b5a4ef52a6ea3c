import type { Answer, Locale, Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { useState, type FormEvent } from 'react';
import { answerProblem, isEmpty, withoutHidden } from './answers.ts';
import { ErrorSummary } from '../../shared/ErrorSummary.tsx';
import type { Translate } from '../strings/surveys.ts';
import { BackLink, navigate } from '../../shared/navigation.tsx';
import { MultipleQuestionView, RadioQuestionView } from './questions/choice.tsx';
import { fieldId } from './questions/field.tsx';
import { LocationQuestionView } from './questions/location.tsx';
import { RankingQuestionView } from './questions/ranking.tsx';
import { TextQuestionView } from './questions/text.tsx';
import { type Progress } from '../storage.ts';
import { Page } from './Page.tsx';

export interface QuestionPageProps {
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

export function QuestionPage({ question, questions, position, progress, back, next, surveyTitle, locale, t, update }: QuestionPageProps) {
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
