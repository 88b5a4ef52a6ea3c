import { useEffect, useId, useRef } from 'react';
import { fieldDomId, type Problem, type ProblemItem } from './problems.ts';

/**
 * What stands between the draft and publishing, kept up to date as the officer types. After a
 * refused Publish it becomes the error summary: focused, and titled with what to do.
 */
export function ChecksPanel({ items, onSelect, blocked }: { items: ProblemItem[]; onSelect: (problem: Problem) => void; blocked: number | null }) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  const errors = items.filter((i) => i.severity === 'error').length;
  const warnings = items.length - errors;
  const asSummary = blocked !== null && errors > 0;
  useEffect(() => {
    if (blocked !== null) ref.current?.focus();
  }, [blocked]);
  const counts = [errors ? `${errors} ${errors === 1 ? 'problem' : 'problems'} to fix` : 'no problems to fix', warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean).join(', ');
  return (
    <section
      ref={ref}
      tabIndex={asSummary ? -1 : undefined}
      className={asSummary ? 's-error-summary sv-checks-summary' : `sv-checks${errors ? ' sv-checks-blocked' : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="checks"
    >
      <h2 id={`${id}-title`} className="sv-checks-title">
        {asSummary ? `Fix ${errors === 1 ? 'this problem' : `these ${errors} problems`} before publishing` : `Before you publish: ${errors === 0 && warnings === 0 ? 'ready to publish' : counts}`}
      </h2>
      {items.length > 0 && (
        <ul className="sv-check-list">
          {items.map((item) => (
            <li key={item.key} className={`sv-check-item sv-check-${item.severity}`}>
              <span className="sv-check-severity">{item.severity === 'error' ? 'Must fix' : 'Warning'}</span>
              <a
                href={`#${fieldDomId(item.problem.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(item.problem);
                }}
              >
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
