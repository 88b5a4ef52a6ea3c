import { hasAnyRole, ROLE_LABELS, type Role, type StaffPrincipal } from '@wardpulse/domain';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { unwrap } from '../shared/api.ts';
import { createUserManager, currentUser, signIn, signOut } from './auth.ts';
import { Link, usePath } from '../shared/navigation.tsx';
import { createStaffApi, StaffApiContext, type StaffApi } from './shared/api.tsx';
import { ConsoleNav } from './shared/ConsoleNav.tsx';
import { resultsSurveyId } from './results/query-state.ts';
import { AuditPage } from './admin/AuditPage.tsx';
import { SettingsPanel } from './admin/SettingsPanel.tsx';
import './staff.css';

// The map libraries load only when someone opens the Geography page.
const GeographyPage = lazy(() => import('./geography/GeographyPage.tsx'));
// The survey designer is its own chunk too: only staff who open Surveys download it.
const SurveysPage = lazy(() => import('./surveys/SurveysPage.tsx'));
// Results (map, charts, exports) are a third chunk, for the staff who read them.
const ResultsPage = lazy(() => import('./results/ResultsPage.tsx'));
// Community messages (composer with readability coaching, KPI dashboard): loaded when opened.
const MessagesPage = lazy(() => import('./messages/MessagesPage.tsx'));

const PAGES: readonly { path: string; label: string; roles?: readonly Role[] }[] = [
  { path: '/staff', label: 'Home' },
  { path: '/staff/geography', label: 'Geography' },
  { path: '/staff/surveys', label: 'Surveys' },
  { path: '/staff/messages', label: 'Messages' },
  { path: '/staff/settings', label: 'Settings', roles: ['admin'] },
  { path: '/staff/audit', label: 'Audit trail', roles: ['admin'] },
];

const allowed = (principal: StaffPrincipal, item: { roles?: readonly Role[] | undefined }) => !item.roles || hasAnyRole(principal, item.roles);

type Session =
  | { state: 'loading' }
  | { state: 'signed-out'; manager: UserManager; notice?: string }
  | { state: 'signed-in'; manager: UserManager; api: StaffApi; principal: StaffPrincipal }
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
      const api = createStaffApi(user.access_token);
      const principal = await unwrap(api.staff.me.$get({}));
      setSession({ state: 'signed-in', manager, api, principal });
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
      {session.state === 'signed-in' && <ConsoleNav pages={PAGES.filter((item) => allowed(session.principal, item))} path={path} />}
      <main id="main" className="s-main" tabIndex={-1} ref={main}>
        <StaffApiContext value={session.state === 'signed-in' ? session.api : null}>
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
          {session.state === 'signed-in' && path === '/staff' && <Home principal={session.principal} />}
          {session.state === 'signed-in' && page && !allowed(session.principal, page) && <NotAllowed label={page.label} />}
          {session.state === 'signed-in' && path === '/staff/settings' && allowed(session.principal, page ?? {}) && (
            <>
              <h1>Settings</h1>
              <SettingsPanel />
            </>
          )}
          {session.state === 'signed-in' && path === '/staff/audit' && allowed(session.principal, page ?? {}) && (
            <>
              <h1>Audit trail</h1>
              <AuditPage />
            </>
          )}
          {session.state === 'signed-in' && path === '/staff/geography' && (
            <Suspense fallback={<p role="status">Loading geography…</p>}>
              <GeographyPage principal={session.principal} />
            </Suspense>
          )}
          {session.state === 'signed-in' && isSurveys && (
            <Suspense fallback={<p role="status">Loading surveys…</p>}>
              <SurveysPage principal={session.principal} />
            </Suspense>
          )}
          {session.state === 'signed-in' && resultsFor && (
            <Suspense fallback={<p role="status">Loading results…</p>}>
              <ResultsPage key={resultsFor} surveyId={resultsFor} />
            </Suspense>
          )}
          {session.state === 'signed-in' && isMessages && (
            <Suspense fallback={<p role="status">Loading messages…</p>}>
              <MessagesPage principal={session.principal} />
            </Suspense>
          )}
          {session.state === 'signed-in' && !page && !isSurveys && !resultsFor && !isMessages && path !== '/staff/callback' && <NotFound />}
        </StaffApiContext>
      </main>
    </div>
  );
}

/** What each role does in the console, with a link to where it is done. */
const TASKS: readonly { to: string; title: string; text: string; roles: readonly Role[] }[] = [
  { to: '/staff/surveys/new', title: 'Create a survey', text: 'start from a template, translate it, target it at wards or Impact Areas and publish it.', roles: ['officer', 'admin'] },
  { to: '/staff/surveys', title: 'Surveys and their results', text: 'drafts, published and closed surveys; open a survey’s results for ward figures with sample sizes, margins of error, maps, wave-on-wave change and exports.', roles: ['officer', 'analyst', 'admin'] },
  { to: '/staff/messages/new', title: 'Write a community message', text: 'say what the concern is, what the police are doing and what residents can do, with readability coaching.', roles: ['officer', 'admin'] },
  { to: '/staff/messages', title: 'Community messages', text: 'messages sent and scheduled, and how residents rated, replied to and shared them.', roles: ['officer', 'analyst', 'admin'] },
  { to: '/staff/messages/dashboard', title: 'Message dashboard', text: 'satisfaction, interaction and share rates over time.', roles: ['officer', 'analyst', 'admin'] },
  { to: '/staff/geography', title: 'Geography', text: 'the force’s wards on a map, its districts, Impact Areas and Neighbourhood Policing Teams.', roles: ['officer', 'analyst'] },
  { to: '/staff/geography', title: 'Geography and imports', text: 'the wards on a map, and importing ward boundaries, postcode lookups, Impact Areas and neighbourhood team areas.', roles: ['admin'] },
  { to: '/staff/settings', title: 'Force settings', text: 'the force name residents see, how long responses are kept and the disclosure threshold.', roles: ['admin'] },
  { to: '/staff/audit', title: 'Audit trail', text: 'who changed what and when, filtered by person, kind of change and dates.', roles: ['admin'] },
];

function Home({ principal }: { principal: StaffPrincipal }) {
  const tasks = TASKS.filter((task) => hasAnyRole(principal, task.roles));
  return (
    <>
      <h1>Welcome, {principal.username}</h1>
      <p>
        You are signed in as <strong data-testid="role">{principal.roles.map((role) => ROLE_LABELS[role]).join(', ')}</strong>.
      </p>
      <h2>What you can do</h2>
      {tasks.length === 0 ? (
        <p>Your account has no WardPulse role yet. Ask your administrator to give you one.</p>
      ) : (
        <ul data-testid="home-tasks">
          {tasks.map((task) => (
            <li key={task.title}>
              <Link to={task.to}>{task.title}</Link>: {task.text}
            </li>
          ))}
        </ul>
      )}
      {!principal.roles.includes('admin') && <p className="s-muted">Your administrator manages staff roles, the force settings and the audit trail.</p>}
    </>
  );
}

function NotAllowed({ label }: { label: string }) {
  return (
    <>
      <h1>{label}</h1>
      <p className="s-alert" role="alert">
        Only administrators can open this page. <Link to="/staff">Go to the console home page</Link>.
      </p>
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
