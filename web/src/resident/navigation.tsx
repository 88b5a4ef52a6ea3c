import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/**
 * Client-side navigation for the resident area without a router library: the URL is the state
 * (`/s/<slug>/q/<question>`), so the phone's back button, reloads and shared links all work.
 */

const NAVIGATED = 'wardpulse:resident-navigated';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
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

/** The current path and query, re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

/** An ordinary link that navigates in place; modified clicks (new tab, new window) behave as usual. */
export function Link({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} onClick={onClick}>
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
