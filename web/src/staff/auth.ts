import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { api, unwrap } from '../shared/api.ts';

/**
 * Staff sign-in: OpenID Connect authorization code + PKCE with `oidc-client-ts`, against Cognito
 * in AWS or the local issuer on one machine. The issuer comes from `/api/config`, so the same
 * build runs in both places.
 */
export async function createUserManager(): Promise<UserManager> {
  const config = await unwrap(api.api.config.$get());
  const origin = window.location.origin;
  return new UserManager({
    authority: config.auth.authority,
    client_id: config.auth.clientId,
    scope: config.auth.scope,
    redirect_uri: `${origin}/staff/callback`,
    post_logout_redirect_uri: `${origin}/staff`,
    response_type: 'code',
    // Tokens live for the tab only: a shared office PC does not stay signed in.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
}

/** Sends the browser to the sign-in page, coming back afterwards to the console page it was on. */
export async function signIn(manager: UserManager): Promise<void> {
  await manager.signinRedirect({ state: { returnTo: window.location.pathname } });
}

/** Only a console page is a place to return to (never another origin, never the callback itself). */
function returnPath(state: unknown): string {
  const returnTo = typeof state === 'object' && state !== null && 'returnTo' in state ? state.returnTo : undefined;
  return typeof returnTo === 'string' && /^\/staff(\/[\w-]+)*\/?$/.test(returnTo) && !returnTo.startsWith('/staff/callback') ? returnTo : '/staff';
}

/** Finishes a sign-in redirect if this is the callback page; returns the signed-in user, if any. */
export async function currentUser(manager: UserManager): Promise<User | null> {
  if (window.location.pathname === '/staff/callback') {
    const user = await manager.signinRedirectCallback();
    window.history.replaceState(null, '', returnPath(user.state));
    return user;
  }
  const user = await manager.getUser();
  return user && !user.expired ? user : null;
}

export async function signOut(manager: UserManager): Promise<void> {
  await manager.removeUser();
  if (manager.settings.metadata?.end_session_endpoint || (await manager.metadataService.getEndSessionEndpoint().catch(() => undefined))) {
    await manager.signoutRedirect();
  } else {
    window.location.assign('/staff');
  }
}
