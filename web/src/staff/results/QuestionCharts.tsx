import type { QuestionResult, SurveyResults, UnitQuestionResult } from '@wardpulse/domain';
import { useId } from 'react';
import { MeanFigure, ShareBars, type BarRow } from './charts.tsx';
import { describeShare, formatCount, formatMean } from './format.ts';
import { QUESTION_TYPE_LABELS } from './measures.ts';

const DONT_KNOW = 'dont_know';

/** Force-wide figures for every question but free text (which has its own panel). */
export function QuestionCharts({ results }: { results: SurveyResults }) {
  const questions = results.questions.filter((q) => q.type !== 'text');
  return (
    <div className="res-charts">
      {questions.map((question, index) => (
        <QuestionChart key={question.id} number={index + 1} question={question} figures={results.force[question.id]} threshold={results.disclosure.threshold} />
      ))}
    </div>
  );
}

function QuestionChart({ number, question, figures, threshold }: { number: number; question: QuestionResult; figures: UnitQuestionResult | undefined; threshold: number }) {
  const id = useId();
  const base = figures?.base;
  const answered = base?.status === 'shown' ? `answered by ${formatCount(base.n)}` : base?.status === 'suppressed' ? 'number answering withheld' : 'no answers yet';
  const rows: BarRow[] = question.options.map((option) => ({
    key: option.id,
    label: option.label,
    cell: figures?.options[option.id],
    ...(question.type === 'ranking' ? { extra: rankText(figures?.ranking?.[option.id]?.meanRank ?? null) } : {}),
  }));
  if (question.type === 'ranking') rows.sort((a, b) => shareOf(b) - shareOf(a));
  const points = question.options.filter((o) => o.id !== DONT_KNOW).length;

  return (
    <section className="res-question" aria-labelledby={id} data-testid={`chart-${question.id}`}>
      <h3 id={id}>
        <span className="res-question-number">{number}.</span> {question.title}
      </h3>
      <p className="res-question-meta s-muted">
        {QUESTION_TYPE_LABELS[question.type]} · whole force, {answered}
      </p>
      {question.type === 'likert' && (
        <>
          <p className="res-headline-figure">
            <span className="res-mean-label">Top two answers</span> <span className="res-mean-value">{describeShare(figures?.topTwo, threshold)}</span>
          </p>
          <MeanFigure label="Mean score" cell={figures?.mean} min={1} max={Math.max(2, points)} threshold={threshold} />
        </>
      )}
      {question.type === 'scale10' && <MeanFigure label="Mean" cell={figures?.mean} min={0} max={10} threshold={threshold} />}
      {question.type === 'ranking' && (
        <p className="s-muted res-chart-note">
          Share placing each priority in their top {question.pick ?? 3}, highest first; mean rank is the average position among those who ranked it (1 = first).
        </p>
      )}
      <ShareBars
        caption={`${question.title}: share of respondents${question.type === 'ranking' ? ` placing each in their top ${question.pick ?? 3}` : ' giving each answer'}, whole force`}
        rows={rows}
        threshold={threshold}
        {...(question.type === 'ranking' ? { extraHeading: 'Mean rank' } : {})}
      />
    </section>
  );
}

const shareOf = (row: BarRow) => (row.cell?.status === 'shown' ? row.cell.share : -1);

function rankText(meanRank: number | null): string {
  return meanRank === null ? 'Mean rank –' : `Mean rank ${formatMean(meanRank)}`;
}
