import type { Question } from '@wardpulse/domain';
import { useId } from 'react';
import { AddQuestion } from './AddQuestion.tsx';
import { problemQuestion, type ProblemItem } from './problems.ts';
import type { Selection } from './PhonePreview.tsx';

/** The designer's contents: survey details, then each question with its count of problems, and adding one. */
export function QuestionOutline({ questions, items, selected, editable, onSelect, onAdd }: { questions: Question[]; items: ProblemItem[]; selected: Selection; editable: boolean; onSelect: (selection: Selection) => void; onAdd: (question: Question) => void }) {
  const uid = useId();
  return (
    <section className="sv-outline" aria-labelledby={`${uid}-contents`}>
      <h2 id={`${uid}-contents`}>Contents</h2>
      <button type="button" className="sv-outline-item" aria-current={selected === 'details' ? 'true' : undefined} onClick={() => onSelect('details')}>
        Survey details
      </button>
      <ol className="sv-outline-list" data-testid="question-list">
        {questions.map((question, index) => {
          const count = items.filter((item) => item.severity === 'error' && problemQuestion(item.problem.path) === index).length;
          return (
            <li key={question.id}>
              <button type="button" className="sv-outline-item" aria-current={selected === index ? 'true' : undefined} onClick={() => onSelect(index)}>
                <span className="sv-outline-number">{index + 1}.</span> <span className="sv-outline-title">{question.title.en || '(no text yet)'}</span>
                {count > 0 && <span className="sv-outline-problems">{count === 1 ? '1 problem' : `${count} problems`}</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {editable && (
        <AddQuestion questions={questions} onAdd={onAdd} />
      )}
    </section>
  );
}
