import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

/**
 * Client-side navigation for the staff console without a router library: the path is the
 * state, `history.pushState` changes it and the back button (`popstate`) restores it.
 */

const NAVIGATED = 'wardpulse:navigated';

/** `/staff/geography/` and `/staff/geography` are the same page. */
export function normalisePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function navigate(path: string): void {
  if (normalisePath(path) === normalisePath(window.location.pathname)) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => normalisePath(window.location.pathname));
}

/** An ordinary link that navigates in place; modified clicks (new tab, new window) behave as usual. */
export function Link({ to, current, className, children }: { to: string; current?: boolean; className?: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} aria-current={current ? 'page' : undefined} onClick={onClick}>
      {children}
    </a>
  );
}

/**
 * The console's main navigation. On a wide screen the links sit in a row; on a phone (below
 * 40rem, see staff.css) they fold behind a "Menu" button that says whether it is open
 * (`aria-expanded`), closes again on Escape and after a link is followed.
 */
export function ConsoleNav({ pages, path }: { pages: readonly { path: string; label: string }[]; path: string }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  const current = pages.find((page) => page.path === path) ?? pages.find((page) => page.path !== '/staff' && path.startsWith(`${page.path}/`));
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <nav className="s-nav" aria-label="Console" onKeyDown={onKeyDown}>
      <button type="button" className="s-nav-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((was) => !was)} ref={toggle}>
        {current ? `Menu: ${current.label}` : 'Menu'}
      </button>
      <ul id={listId} className={open ? 's-nav-list s-nav-open' : 's-nav-list'} onClick={(event) => (event.target as Element).closest('a') && setOpen(false)}>
        {pages.map((item) => (
          <li key={item.path}>
            <Link to={item.path} current={item.path === path}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
