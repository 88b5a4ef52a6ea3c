import type { CoachingNote, Readability } from '@wardpulse/domain';
import { useEffect, useId, useState } from 'react';
import { easeBand, formatScore, scoreBand } from './coaching.ts';

const PART_NAMES: Record<CoachingNote['part'], string> = { title: 'Title', concern: 'Key concern', action: 'What the police are doing', advice: 'What residents can do' };

/**
 * The live readability score: a 0–10 meter (10 easiest) with Flesch reading ease, the counts that
 * lower the score, and the parts still missing. Screen readers hear the score once typing pauses.
 */
export function ReadabilityPanel({ readability, notes, fieldId }: { readability: Readability; notes: CoachingNote[]; fieldId: (part: CoachingNote['part']) => string }) {
  const id = useId();
  const band = scoreBand(readability.score);
  const scoreText = `${formatScore(readability.score)} out of 10`;
  const missing = notes.filter((note) => note.kind === 'missing_part');
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(readability.words > 0 ? `Readability ${scoreText}, ${band.label.toLowerCase()}.` : ''), 1500);
    return () => clearTimeout(timer);
  }, [band.label, readability.words, scoreText]);

  const counts = [
    { label: 'Long sentences', value: readability.longSentences },
    { label: 'Passive voice', value: readability.passiveVoice },
    { label: 'Jargon', value: readability.jargon },
  ];
  return (
    <section className="ms-readability" aria-labelledby={`${id}-title`} data-testid="readability">
      <h2 id={`${id}-title`}>Readability</h2>
      <p className={`ms-score ms-score--${band.tone}`}>
        <span className="ms-score-value" data-testid="readability-score">
          {readability.words > 0 ? scoreText : 'Not scored yet'}
        </span>
        {readability.words > 0 && <span className="ms-score-band"> · {band.label}</span>}
      </p>
      <meter className="ms-meter" min={0} max={10} low={5} high={8} optimum={10} value={readability.score} aria-labelledby={`${id}-title`} aria-valuetext={scoreText} />
      <dl className="ms-figures">
        <div>
          <dt>Flesch reading ease</dt>
          <dd data-testid="reading-ease">
            {readability.words > 0 ? `${readability.fleschReadingEase.toLocaleString('en-GB', { maximumFractionDigits: 1 })} (${easeBand(readability.fleschReadingEase)})` : '—'}
          </dd>
        </div>
        <div>
          <dt>Reading grade</dt>
          <dd>{readability.words > 0 ? readability.fleschKincaidGrade.toLocaleString('en-GB', { maximumFractionDigits: 1 }) : '—'}</dd>
        </div>
        <div>
          <dt>Words</dt>
          <dd>
            {readability.words} in {readability.sentences} {readability.sentences === 1 ? 'sentence' : 'sentences'}
          </dd>
        </div>
        {counts.map((count) => (
          <div key={count.label}>
            <dt>{count.label}</dt>
            <dd className={count.value > 0 ? 'ms-figure-flag' : undefined}>{count.value}</dd>
          </div>
        ))}
      </dl>
      <p className="s-hint">Aim for 8 or more. The score is Flesch reading ease on a 0–10 scale, less half a point for each long sentence, passive phrase or piece of jargon.</p>
      {missing.length > 0 && (
        <div className="ms-missing">
          <h3>Still to write</h3>
          <ul>
            {missing.map((note) => (
              <li key={note.part}>
                <a href={`#${fieldId(note.part)}`}>{PART_NAMES[note.part]}</a>: {note.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="s-visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </section>
  );
}
