import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

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
