/* global self, caches, fetch, setTimeout */
/**
 * WardPulse resident service worker: lets a survey that was opened once reopen without a
 * connection, with the answers saved on the phone. Registered by the resident area only.
 *
 * - Pages (navigations outside /staff): network first (a few seconds at most), else the cached
 *   app shell — every resident URL is the same index.html.
 * - /assets/*: content-hashed, so cache first; only a resident page's assets are stored.
 * - A few public GETs (the survey, the open-surveys list, settings, the ward list): network
 *   first, else the last copy. Postcode look-ups are never cached: their URL holds a postcode.
 * - Everything else, and every POST, goes to the network untouched. No cookies, no third parties.
 *
 * The page sends `{ type: 'cache', urls, assets }` once it has loaded, because the first visit
 * fetches its files before this worker controls it; `assets` (when given) is the complete set
 * the resident app uses now, so older builds' files are dropped.
 */
const CACHE = 'wardpulse-resident-v1';
const SHELL = '/';
const NETWORK_TIMEOUT_MS = 4000;
const CACHED_API = [/^\/api\/public\/surveys(\/[a-z0-9-]+)?$/, /^\/api\/public\/settings$/, /^\/api\/public\/wards$/];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(SHELL))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('wardpulse-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

const isStaffPath = (path) => path === '/staff' || path.startsWith('/staff/');

/** Network, but give up after a few seconds when there is a cached copy to fall back on. */
async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  });
  const cached = await cache.match(cacheKey);
  if (!cached) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), timeout]);
}

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  const client = event.clientId ? await self.clients.get(event.clientId) : undefined;
  if (response.ok && client && !isStaffPath(new URL(client.url).pathname)) await cache.put(event.request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (isStaffPath(url.pathname) || url.pathname.startsWith('/api/')) return;
    event.respondWith(networkFirst(request, SHELL));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(event));
    return;
  }
  if (CACHED_API.some((pattern) => pattern.test(url.pathname)) && url.search === '') {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache') return;
  const reply = (message) => event.ports[0]?.postMessage(message);
  const sameOrigin = (list) => (Array.isArray(list) ? list : []).map((u) => new URL(u, self.location.origin)).filter((u) => u.origin === self.location.origin);
  const urls = sameOrigin(data.urls).filter((u) => u.pathname.startsWith('/assets/') || u.pathname === SHELL || CACHED_API.some((p) => p.test(u.pathname)));
  const keep = data.assets ? new Set(sameOrigin(data.assets).map((u) => u.pathname)) : null;
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      const results = await Promise.all(
        urls.map(async (u) => {
          if (u.pathname.startsWith('/assets/') && (await cache.match(u.pathname))) return true;
          try {
            const response = await fetch(u.pathname, { cache: 'no-cache' });
            if (!response.ok) return false;
            await cache.put(u.pathname, response);
            return true;
          } catch {
            return false;
          }
        }),
      );
      if (keep) {
        for (const request of await cache.keys()) {
          const path = new URL(request.url).pathname;
          if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
        }
      }
      reply({ type: 'cached', ok: results.every(Boolean) });
    }),
  );
});
