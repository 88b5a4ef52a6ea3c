import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react';
import { navigate } from './navigation.tsx';

export interface ErrorSummaryItem {
  text: string;
  /** `#id` of a control on this page, or a path to another page. */
  href: string;
  /** React key, when two items may share their text and link. */
  key?: string;
  /** Instead of following the link: e.g. the survey designer switches view before focusing. */
  onSelect?: () => void;
}

const LOOKS = {
  resident: { box: 'r-error-summary', title: 'r-error-summary__title', list: 'r-error-summary__list' },
  staff: { box: 's-error-summary', title: 'sv-summary-title', list: undefined },
} as const;

/**
 * GOV.UK's error summary, for residents' pages and the staff console alike: a titled list of
 * links to each problem, focused when it appears and whenever `focusKey` changes (by default,
 * whenever the problems change), so keyboard and screen-reader users land on it. A link to a
 * control focuses it and brings its question (fieldset) into view; a path navigates.
 * @example
 * <ErrorSummary title={t('problem')} items={[{ text: 'Enter your e-mail address', href: '#email' }]} />
 */
export function ErrorSummary({ title, items, focusKey, look = 'resident', children }: { title: string; items: ErrorSummaryItem[]; focusKey?: string | number; look?: keyof typeof LOOKS; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const key = focusKey ?? items.map((item) => item.href + item.text).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (items.length === 0 && children === undefined) return null;

  const follow = (event: MouseEvent<HTMLAnchorElement>, item: ErrorSummaryItem) => {
    event.preventDefault();
    if (item.onSelect) return item.onSelect();
    if (!item.href.startsWith('#')) return navigate(item.href);
    const target = document.getElementById(item.href.slice(1));
    target?.focus();
    // Bring the question's heading into view with the control, as GOV.UK does.
    (target?.closest('fieldset, .r-form-group') ?? target)?.scrollIntoView({ block: 'start' });
  };
  const classes = LOOKS[look];
  return (
    <div className={classes.box} ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId} data-testid="error-summary">
      <h2 id={titleId} className={classes.title}>
        {title}
      </h2>
      {children}
      {items.length > 0 && (
        <ul className={classes.list}>
          {items.map((item) => (
            <li key={item.key ?? item.href + item.text}>
              <a href={item.href} dir="auto" onClick={(event) => follow(event, item)}>
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
