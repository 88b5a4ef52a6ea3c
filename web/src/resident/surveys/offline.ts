/**
 * Registers the resident service worker (`/sw.js`, built apps only: under the Vite dev server it
 * would cache modules that change on every edit) and asks it to keep what this page needs to
 * reopen offline. `<html data-offline-ready>` is set once it has.
 */

let registration: Promise<ServiceWorkerRegistration | null> | undefined;

function register(): Promise<ServiceWorkerRegistration | null> {
  if (import.meta.hot || !('serviceWorker' in navigator) || !window.isSecureContext) return Promise.resolve(null);
  registration ??= navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .catch(() => null);
  return registration;
}

/** The scripts and styles this page loaded: the resident app's whole build, as it stands now. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => new URL(name).origin === window.location.origin && new URL(name).pathname.startsWith('/assets/'));
}

/** Asks the service worker to cache the app shell, this page's assets and the given API URLs. */
export async function keepForOffline(apiPaths: string[]): Promise<void> {
  const ready = await register();
  const worker = ready?.active;
  if (!worker) return;
  const assets = loadedAssets();
  const channel = new MessageChannel();
  const answered = new Promise<{ ok: boolean }>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<{ ok: boolean }>) => resolve(event.data);
  });
  worker.postMessage({ type: 'cache', urls: ['/', ...assets, ...apiPaths], assets }, [channel.port2]);
  const { ok } = await answered;
  if (ok) document.documentElement.dataset.offlineReady = 'true';
}
