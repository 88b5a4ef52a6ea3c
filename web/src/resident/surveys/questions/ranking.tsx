import type { Question } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { useState } from 'react';
import { fieldId, QuestionFieldset, type QuestionProps } from './field.tsx';

type RankingQuestion = Extract<Question, { type: 'ranking' }>;

/**
 * Priority ranking by tapping, never dragging: tap an option to give it the next rank, tap a
 * ranked one to take it out (the ones after it move up). Each option is a large toggle button
 * whose name carries its rank ("Burglary, ranked 2"); a live region says what changed.
 */
export function RankingQuestionView({ question, answer, onAnswer, error, locale, t }: QuestionProps<RankingQuestion>) {
  const ranking = answer && 'ranking' in answer ? answer.ranking : [];
  const [announcement, setAnnouncement] = useState('');
  const [refused, setRefused] = useState(false);
  const statusId = `${fieldId(question)}-status`;
  const label = (id: string) => localise(question.options.find((o) => o.id === id)?.label, locale);

  const tap = (id: string) => {
    const at = ranking.indexOf(id);
    setRefused(false);
    if (at >= 0) {
      const next = ranking.filter((r) => r !== id);
      onAnswer(next.length > 0 ? { ranking: next } : undefined);
      const moved = next.slice(at).map((r, i) => t('rankAnnounce', { option: label(r), n: at + i + 1 }));
      setAnnouncement(t('rankRemoved', { option: label(id), rest: moved.join('. ') || t.plural('rankStatus', next.length, { pick: question.pick }) }));
      return;
    }
    if (ranking.length >= question.pick) {
      setAnnouncement(t.plural('rankFull', question.pick));
      setRefused(true);
      return;
    }
    onAnswer({ ranking: [...ranking, id] });
    setAnnouncement(t('rankAnnounce', { option: label(id), n: ranking.length + 1 }));
  };

  const full = ranking.length >= question.pick;
  return (
    <QuestionFieldset question={question} error={error} locale={locale} t={t} extraDescribedBy={[statusId]}>
      <p id={statusId} className="r-count">
        {t.plural('rankStatus', ranking.length, { pick: question.pick })}
      </p>
      {refused && (
        <p className="r-notice" aria-hidden="true">
          {t.plural('rankFull', question.pick)}
        </p>
      )}
      <ul className={full ? 'r-rank-options r-rank-options--full' : 'r-rank-options'}>
        {question.options.map((option, index) => {
          const rank = ranking.indexOf(option.id) + 1;
          return (
            <li key={option.id}>
              <button
                type="button"
                id={index === 0 ? fieldId(question) : undefined}
                className="r-rank"
                aria-pressed={rank > 0}
                // The visible label first, then the rank the badge shows: "Burglary, ranked 2".
                aria-label={rank > 0 ? `${localise(option.label, locale)}, ${t('ranked', { n: rank })}` : undefined}
                onClick={() => tap(option.id)}
              >
                {/* The number is drawn by CSS from data-rank: the name already says it, in words. */}
                <span className="r-rank__badge" data-rank={rank > 0 ? t.number(rank) : undefined} />
                <span className="r-rank__label">{localise(option.label, locale)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="r-visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </QuestionFieldset>
  );
}
