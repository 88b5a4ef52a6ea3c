import { ROLE_LABELS, type StaffPrincipal } from '@wardpulse/domain';
import type { UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useState } from 'react';
import { api, unwrap } from '../api.ts';
import { createUserManager, currentUser, signOut } from './auth.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import './staff.css';

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
    document.title = 'Staff console — WardPulse';
    void load();
  }, [load]);

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
      <main id="main" className="s-main" tabIndex={-1}>
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
            <button type="button" onClick={() => void session.manager.signinRedirect()}>
              Sign in
            </button>
          </>
        )}
        {session.state === 'signed-in' && <Home principal={session.principal} token={session.token} />}
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
