/**
 * Lets a message page that was opened once reopen without a connection: the resident service
 * worker (`/sw.js`) keeps the app shell and this page's scripts, and the message itself is kept
 * in localStorage (see `engagement.ts`).
 *
 * Unlike the survey app's `keepForOffline`, this never sends the worker an `assets` list: that
 * list means "everything the resident app uses now", and a message page's few files would make
 * the worker drop the survey app's.
 */
export async function keepMessagePageOffline(): Promise<void> {
  if (import.meta.hot || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const worker = (await navigator.serviceWorker.ready).active;
    if (!worker) return;
    const assets = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === window.location.origin && url.pathname.startsWith('/assets/'))
      .map((url) => url.pathname);
    worker.postMessage({ type: 'cache', urls: ['/', ...assets, '/api/public/settings'] });
  } catch {
    // Offline reading is a nicety; the page works without it.
  }
}
