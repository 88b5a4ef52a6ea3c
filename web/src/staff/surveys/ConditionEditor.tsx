import type { Condition, Question } from '@wardpulse/domain';
import { conditionFor, conditionOptions, conditionTargets, OPERATOR_LABELS, operatorsFor } from './conditions.ts';
import { fieldDomId } from './problems.ts';

/**
 * "Show this question only if…": an earlier question, an operator that fits its type and one of
 * its options. A condition left pointing at a question that moved below this one stays visible
 * (and the publish checks flag it) rather than silently disappearing.
 */
export function ConditionEditor({ questions, index, onChange }: { questions: readonly Question[]; index: number; onChange: (condition: Condition | undefined) => void }) {
  const question = questions[index]!;
  const condition = question.showIf;
  const targets = conditionTargets(questions, index);
  const base = fieldDomId(['questions', index, 'showIf']);
  const target = condition ? questions.find((q) => q.id === condition.questionId) : undefined;
  const targetIsEarlier = target !== undefined && targets.includes(target);
  const options = target ? conditionOptions(target) : [];

  return (
    <fieldset className="s-fieldset sv-condition" id={base}>
      <legend>When to show this question</legend>
      <div className="sv-radios">
        <div className="sv-radio">
          <input type="radio" id={`${base}-always`} name={`${base}-mode`} checked={!condition} onChange={() => onChange(undefined)} />
          <label htmlFor={`${base}-always`}>Always</label>
        </div>
        <div className="sv-radio">
          <input
            type="radio"
            id={`${base}-conditional`}
            name={`${base}-mode`}
            checked={Boolean(condition)}
            disabled={targets.length === 0 && !condition}
            aria-describedby={targets.length === 0 ? `${base}-none` : undefined}
            onChange={() => {
              const first = targets.at(-1);
              if (first) onChange(conditionFor(first));
            }}
          />
          <label htmlFor={`${base}-conditional`}>Only if an earlier answer matches</label>
        </div>
      </div>
      {targets.length === 0 && !condition && (
        <p className="s-hint" id={`${base}-none`}>
          There is no earlier question to depend on.
        </p>
      )}
      {condition && (
        <div className="sv-condition-parts">
          <div className="s-field sv-field">
            <label htmlFor={`${base}-questionId`}>Earlier question</label>
            <select
              id={`${base}-questionId`}
              value={condition.questionId}
              onChange={(event) => {
                const next = questions.find((q) => q.id === event.target.value);
                if (next) onChange(conditionFor(next, condition));
              }}
            >
              {!targetIsEarlier && <option value={condition.questionId}>“{condition.questionId}” — not an earlier question</option>}
              {targets.map((q) => (
                <option key={q.id} value={q.id}>
                  {questions.indexOf(q) + 1}. {q.title.en || q.id}
                </option>
              ))}
            </select>
          </div>
          {target && (
            <div className="s-field sv-field">
              <label htmlFor={`${base}-operator`}>Show it if</label>
              <select id={`${base}-operator`} value={condition.operator} onChange={(event) => onChange(conditionFor(target, { ...condition, operator: event.target.value as Condition['operator'] }))}>
                {operatorsFor(target).map((operator) => (
                  <option key={operator} value={operator}>
                    {OPERATOR_LABELS[operator]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {condition.operator !== 'answered' && (
            <div className="s-field sv-field">
              <label htmlFor={`${base}-optionId`}>Answer</label>
              <select id={`${base}-optionId`} value={condition.optionId ?? ''} onChange={(event) => onChange({ ...condition, optionId: event.target.value })}>
                {!options.some((o) => o.id === condition.optionId) && <option value={condition.optionId ?? ''}>{condition.optionId ? `“${condition.optionId}” — no such option` : 'Choose an answer'}</option>}
                {options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label.en}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
