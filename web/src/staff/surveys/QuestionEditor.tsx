import { SCALES, ScaleSchema, type Question, type Scale } from '@wardpulse/domain';
import { ConditionEditor } from './ConditionEditor.tsx';
import { DEMOGRAPHIC_LABELS, demographicOptions, SCALE_LABELS, TYPE_LABELS, type DemographicField } from './draft.ts';
import { fieldDomId } from './problems.ts';
import { Checkbox, EnglishField, NumberField, SelectField } from './fields.tsx';
import { OptionsEditor } from './OptionsEditor.tsx';

/** One question's fields: wording, help, required, what its type needs, and when it shows. */
export function QuestionEditor({
  questions,
  index,
  readOnly,
  onChange,
  onMove,
  onDelete,
  announce,
}: {
  questions: readonly Question[];
  index: number;
  readOnly: boolean;
  onChange: (question: Question) => void;
  onMove: (delta: number) => void;
  onDelete: () => void;
  announce: (message: string) => void;
}) {
  const question = questions[index]!;
  const at = (...rest: (string | number)[]) => ['questions', index, ...rest];
  const id = (...rest: (string | number)[]) => fieldDomId(at(...rest));
  const headingId = fieldDomId(at());
  const name = `question ${index + 1}`;
  const update = (patch: Partial<Question>) => onChange({ ...question, ...patch } as Question);

  return (
    <section className="sv-question" aria-labelledby={headingId} data-testid="question-editor">
      <div className="sv-question-head">
        <h2 id={headingId} tabIndex={-1}>
          Question {index + 1} of {questions.length}
          <span className="sv-type">{TYPE_LABELS[question.type]}</span>
        </h2>
        {!readOnly && (
          <div className="sv-row-actions" role="group" aria-label={`Arrange ${name}`}>
            <button type="button" id={id('up')} className="sv-button-secondary sv-button-small" aria-disabled={index === 0 ? true : undefined} aria-label={`Move up, ${name}`} onClick={() => onMove(-1)}>
              Move up
            </button>
            <button
              type="button"
              id={id('down')}
              className="sv-button-secondary sv-button-small"
              aria-disabled={index === questions.length - 1 ? true : undefined}
              aria-label={`Move down, ${name}`}
              onClick={() => onMove(1)}
            >
              Move down
            </button>
            <button type="button" id={id('delete')} className="sv-button-warning sv-button-small" aria-label={`Delete ${name}`} onClick={onDelete}>
              Delete
            </button>
          </div>
        )}
      </div>
      <p className="sv-id" id={id('id')} tabIndex={-1}>
        Question id <code>{question.id}</code>: results and exports use it, so it never changes.
      </p>
      <fieldset className="sv-plain" disabled={readOnly}>
        <legend className="s-visually-hidden">Question {index + 1}</legend>
        <EnglishField path={at('title')} label={question.type === 'statement' ? 'Heading (English)' : 'Question (English)'} value={question.title} multiline onChange={(title) => title && update({ title })} />
        <EnglishField path={at('help')} label="Help text (English, optional)" hint="Shown under the question, for example what to include or leave out." value={question.help} optional multiline onChange={(help) => update({ help })} />
        {question.type !== 'statement' && (
          <Checkbox id={id('required')} label="Residents must answer this question" checked={question.required} onChange={(required) => update({ required })} />
        )}
        <TypeFields question={question} index={index} readOnly={readOnly} update={update} announce={announce} />
        <ConditionEditor questions={questions} index={index} onChange={(showIf) => update({ showIf })} />
      </fieldset>
    </section>
  );
}

function TypeFields({ question, index, readOnly, update, announce }: { question: Question; index: number; readOnly: boolean; update: (patch: Partial<Question>) => void; announce: (message: string) => void }) {
  const at = (...rest: (string | number)[]) => ['questions', index, ...rest];
  const id = (...rest: (string | number)[]) => fieldDomId(at(...rest));
  const dontKnow = (value: boolean) => <Checkbox id={id('dontKnow')} label="Offer “Don’t know”" checked={value} onChange={(checked) => update({ dontKnow: checked } as Partial<Question>)} />;
  const options = (allowExclusive: boolean) =>
    'options' in question && <OptionsEditor path={at()} options={question.options} allowExclusive={allowExclusive} readOnly={readOnly} announce={announce} onChange={(next) => update({ options: next } as Partial<Question>)} />;

  switch (question.type) {
    case 'single':
      return (
        <>
          {options(false)}
          {dontKnow(question.dontKnow)}
        </>
      );
    case 'multiple':
      return (
        <>
          {options(true)}
          <NumberField
            id={id('maxChoices')}
            label="Most options a resident may choose (optional)"
            hint="Leave empty for no limit. An option marked “chosen alone” cannot be combined with others."
            value={question.maxChoices}
            min={1}
            max={Math.max(1, question.options.length)}
            onChange={(maxChoices) => update({ maxChoices } as Partial<Question>)}
          />
        </>
      );
    case 'ranking':
      return (
        <>
          {options(false)}
          <NumberField id={id('pick')} label="How many to rank" hint="Residents tap their 1st, 2nd, 3rd… choice, up to this many (at most 10)." value={question.pick} min={1} max={10} onChange={(pick) => update({ pick } as Partial<Question>)} />
        </>
      );
    case 'likert':
      return (
        <>
          <SelectField<Scale>
            id={id('scale')}
            label="Answer scale"
            hint="Worded as in the Public Attitude Survey, already translated."
            value={question.scale}
            options={ScaleSchema.options.map((scale) => ({ value: scale, label: `${SCALE_LABELS[scale]}: ${SCALES[scale].map((p) => p.label.en).join(', ')}` }))}
            onChange={(scale) => update({ scale } as Partial<Question>)}
          />
          {dontKnow(question.dontKnow)}
        </>
      );
    case 'scale10':
      return (
        <>
          <EnglishField path={at('minLabel')} label="Words for 0 (English)" value={question.minLabel} onChange={(minLabel) => minLabel && update({ minLabel } as Partial<Question>)} />
          <EnglishField path={at('maxLabel')} label="Words for 10 (English)" value={question.maxLabel} onChange={(maxLabel) => maxLabel && update({ maxLabel } as Partial<Question>)} />
          {dontKnow(question.dontKnow)}
        </>
      );
    case 'text':
      return (
        <>
          <Checkbox id={id('multiline')} label="Long answer (a box of several lines)" checked={question.multiline} onChange={(multiline) => update({ multiline } as Partial<Question>)} />
          <NumberField id={id('maxLength')} label="Longest answer (characters)" hint="From 1 to 5,000." value={question.maxLength} min={1} max={5000} onChange={(maxLength) => update({ maxLength } as Partial<Question>)} />
        </>
      );
    case 'demographic':
      return (
        <>
          <SelectField<DemographicField>
            id={id('field')}
            label="What it asks about"
            hint="Options follow the Census 2021 categories, are already translated, and always include “Prefer not to say”."
            value={question.field}
            options={(Object.keys(DEMOGRAPHIC_LABELS) as DemographicField[]).map((field) => ({ value: field, label: DEMOGRAPHIC_LABELS[field] }))}
            onChange={(field) => update({ field, options: demographicOptions(field) } as Partial<Question>)}
          />
          <div className="sv-fixed-options">
            <h3 className="sv-small-heading">Options</h3>
            <ul>
              {question.options.map((option) => (
                <li key={option.id}>
                  {option.label.en} <span className="sv-id">({option.id})</span>
                </li>
              ))}
            </ul>
          </div>
        </>
      );
    case 'location':
      return <p className="s-hint">Residents enter their postcode (or part of it) or choose their ward from a list. Only the ward is kept. Results are counted by ward, so most surveys need this question.</p>;
    case 'statement':
      return <p className="s-hint">A page of text with nothing to answer, such as the start of a section.</p>;
  }
}
