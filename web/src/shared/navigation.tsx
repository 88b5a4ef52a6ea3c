import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/**
 * Client-side navigation for every area (resident surveys, community messages, staff console)
 * without a router library: the address is the state, `history.pushState` changes it and the
 * back button (`popstate`) restores it, so reloads and shared links work too. Each area matches
 * its own few paths (see `SurveysApp`, `messages/paths.ts`, `StaffApp`).
 */

const NAVIGATED = 'wardpulse:navigated';

/** `/staff/geography/` and `/staff/geography` are the same page. */
export function normalisePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** A path and query as one address, trailing slashes aside: `/s/a/?x=1` and `/s/a?x=1` are one page. */
const address = (to: string) => {
  const at = to.indexOf('?');
  return at < 0 ? normalisePath(to) : normalisePath(to.slice(0, at)) + (at < to.length - 1 ? to.slice(at) : '');
};

/** Goes to a path (with its query, if any) in place; going to the page already shown does nothing. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (address(to) === address(window.location.pathname + window.location.search)) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
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

/** The current path and query (`/s/slug/q/area?return=check`), re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

/** The current path without its query or trailing slash, re-rendering on navigation. */
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

/** GOV.UK's back link. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="r-back">
      {label}
    </Link>
  );
}
