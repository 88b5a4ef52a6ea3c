import { ROLE_LABELS, type StaffPrincipal } from '@wardpulse/domain';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api.ts';
import { createUserManager, currentUser, signIn, signOut } from './auth.ts';
import { Link, usePath } from './navigation.tsx';
import { resultsSurveyId } from './results/query-state.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import './staff.css';

// The map libraries load only when someone opens the Geography page.
const GeographyPage = lazy(() => import('./geography/GeographyPage.tsx'));
// The survey designer is its own chunk too: only staff who open Surveys download it.
const SurveysPage = lazy(() => import('./surveys/SurveysPage.tsx'));
// Results (map, charts, exports) are a third chunk, for the staff who read them.
const ResultsPage = lazy(() => import('./results/ResultsPage.tsx'));
// Community messages (composer with readability coaching, KPI dashboard): loaded when opened.
const MessagesPage = lazy(() => import('./messages/MessagesPage.tsx'));

const PAGES = [
  { path: '/staff', label: 'Home' },
  { path: '/staff/geography', label: 'Geography' },
  { path: '/staff/surveys', label: 'Surveys' },
  { path: '/staff/messages', label: 'Messages' },
] as const;

type Session =
  | { state: 'loading' }
  | { state: 'signed-out'; manager: UserManager; notice?: string }
  | { state: 'signed-in'; manager: UserManager; token: string; principal: StaffPrincipal }
  | { state: 'failed'; message: string };

/** The staff console shell: sign-in, who is signed in, and the tools their role allows. */
export default function StaffApp() {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const load = useCallback(async () => {
    let manager: UserManager;
    try {
      manager = await createUserManager();
    } catch (error) {
      setSession({ state: 'failed', message: error instanceof Error ? error.message : 'Could not load the console.' });
      return;
    }
    try {
      const user = await currentUser(manager);
      if (!user) return setSession({ state: 'signed-out', manager });
      const principal = await unwrap(api.api.staff.me.$get({}, { headers: { Authorization: `Bearer ${user.access_token}` } }));
      setSession({ state: 'signed-in', manager, token: user.access_token, principal });
    } catch (error) {
      await manager.removeUser();
      setSession({ state: 'signed-out', manager, notice: error instanceof Error ? error.message : 'Sign-in did not complete.' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const path = usePath();
  const page = PAGES.find((candidate) => candidate.path === path);
  const resultsFor = resultsSurveyId(path);
  const isSurveys = !resultsFor && (path === '/staff/surveys' || path.startsWith('/staff/surveys/'));
  const isMessages = path === '/staff/messages' || path.startsWith('/staff/messages/');
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(path);
  useEffect(() => {
    document.title = `${page && page.path !== '/staff' ? `${page.label} — ` : ''}Staff console — WardPulse`;
    // After an in-page navigation, start the reader at the new page rather than on the old link.
    if (previousPath.current !== path) main.current?.focus();
    previousPath.current = path;
  }, [page, path]);

  return (
    <div className="s-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="s-header">
        <span className="s-brand">WardPulse staff console</span>
        {session.state === 'signed-in' && (
          <div className="s-user">
            <span data-testid="signed-in-user">
              {session.principal.username}
              <span className="s-roles"> · {session.principal.roles.map((role) => ROLE_LABELS[role]).join(', ')}</span>
            </span>
            <button type="button" className="s-link-button" onClick={() => void signOut(session.manager)}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {session.state === 'signed-in' && (
        <nav className="s-nav" aria-label="Console">
          <ul>
            {PAGES.map((item) => (
              <li key={item.path}>
                <Link to={item.path} current={item.path === path}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className="s-main" tabIndex={-1} ref={main}>
        {session.state === 'loading' && <p role="status">Checking your sign-in…</p>}
        {session.state === 'failed' && (
          <div className="s-alert" role="alert">
            <h1>The console could not start</h1>
            <p>{session.message}</p>
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
        {session.state === 'signed-out' && (
          <>
            <h1>Sign in</h1>
            {session.notice && (
              <p className="s-alert" role="alert">
                {session.notice}
              </p>
            )}
            <p>The console is for engagement officers, analysts and administrators. Residents do not need an account.</p>
            <button type="button" onClick={() => void signIn(session.manager)}>
              Sign in
            </button>
          </>
        )}
        {session.state === 'signed-in' && path === '/staff/callback' && <p role="status">Finishing sign-in…</p>}
        {session.state === 'signed-in' && path === '/staff' && <Home principal={session.principal} token={session.token} />}
        {session.state === 'signed-in' && path === '/staff/geography' && (
          <Suspense fallback={<p role="status">Loading geography…</p>}>
            <GeographyPage principal={session.principal} token={session.token} />
          </Suspense>
        )}
        {session.state === 'signed-in' && isSurveys && (
          <Suspense fallback={<p role="status">Loading surveys…</p>}>
            <SurveysPage principal={session.principal} token={session.token} />
          </Suspense>
        )}
        {session.state === 'signed-in' && resultsFor && (
          <Suspense fallback={<p role="status">Loading results…</p>}>
            <ResultsPage key={resultsFor} surveyId={resultsFor} principal={session.principal} token={session.token} />
          </Suspense>
        )}
        {session.state === 'signed-in' && isMessages && (
          <Suspense fallback={<p role="status">Loading messages…</p>}>
            <MessagesPage principal={session.principal} token={session.token} />
          </Suspense>
        )}
        {session.state === 'signed-in' && !page && !isSurveys && !resultsFor && !isMessages && path !== '/staff/callback' && <NotFound />}
      </main>
    </div>
  );
}

function Home({ principal, token }: { principal: StaffPrincipal; token: string }) {
  return (
    <>
      <h1>Welcome, {principal.username}</h1>
      <p>
        You are signed in as <strong data-testid="role">{principal.roles.map((role) => ROLE_LABELS[role]).join(', ')}</strong>.
      </p>
      <p>
        <Link to="/staff/geography">Geography</Link>: the force&rsquo;s wards on a map, its districts, Impact Areas and
        Neighbourhood Policing Teams{principal.roles.includes('admin') ? ', and importing them' : ''}.
      </p>
      {principal.roles.includes('admin') ? (
        <SettingsPanel token={token} />
      ) : (
        <p className="s-muted">
          Questionnaires, results and community messages will appear here for your role as they are released. Your
          administrator manages force settings and the audit trail.
        </p>
      )}
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no console page at this address. <Link to="/staff">Go to the console home page</Link>.
      </p>
    </>
  );
}
