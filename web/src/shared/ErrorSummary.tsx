import { useEffect, useRef, type MouseEvent } from 'react';
import type { Translate } from '../resident/strings/surveys.ts';
import { navigate } from './navigation.tsx';

export interface ErrorItem {
  text: string;
  /** `#id` of a control on this page, or a path to another page. */
  href: string;
}

/**
 * GOV.UK's error summary: at the top of the page, focused when it appears, each problem a link
 * to the control (or page) that fixes it.
 */
export function ErrorSummary({ items, t }: { items: ErrorItem[]; t: Translate }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = items.map((i) => i.href + i.text).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (items.length === 0) return null;

  const follow = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    event.preventDefault();
    if (!href.startsWith('#')) return navigate(href);
    const target = document.getElementById(href.slice(1));
    target?.focus();
    // Bring the question's heading into view with the control, as GOV.UK does.
    (target?.closest('fieldset, .r-form-group') ?? target)?.scrollIntoView({ block: 'start' });
  };
  return (
    <div className="r-error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title" role="alert">
      <h2 id="error-summary-title" className="r-error-summary__title">
        {t('problem')}
      </h2>
      <ul className="r-error-summary__list">
        {items.map((item) => (
          <li key={item.href + item.text}>
            <a href={item.href} dir="auto" onClick={(event) => follow(event, item.href)}>
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
