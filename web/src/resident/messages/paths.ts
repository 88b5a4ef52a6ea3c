/**
 * Which resident pages belong to community messages. Kept apart (and dependency-free) so the
 * entry point can choose the chunk without loading it.
 */

export type MessagesRoute =
  | { page: 'message'; id: string }
  | { page: 'signup' }
  | { page: 'confirm' }
  | { page: 'manage' }
  | { page: 'unsubscribe' }
  | { page: 'not-found' };

const MESSAGE_PATH = /^\/m\/([A-Za-z0-9_-]{1,64})\/?$/;

/** The community-message page a path names, or null when the path belongs to another area. */
export function messagesRoute(pathname: string): MessagesRoute | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/m' || path.startsWith('/m/')) {
    const match = MESSAGE_PATH.exec(path);
    return match ? { page: 'message', id: match[1]! } : { page: 'not-found' };
  }
  if (path === '/signup') return { page: 'signup' };
  if (path === '/signup/confirm') return { page: 'confirm' };
  if (path === '/signup/manage') return { page: 'manage' };
  if (path.startsWith('/signup/')) return { page: 'not-found' };
  if (path === '/unsubscribe') return { page: 'unsubscribe' };
  return null;
}

export const isMessagesPath = (pathname: string) => messagesRoute(pathname) !== null;
