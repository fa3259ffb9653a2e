// The runtime cache tiers (docs/architecture.md, "Offline and updates"). The shell is precached
// (sw.ts); these routes cover what is fetched at run time.

import type { PrecacheController } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly, StaleWhileRevalidate } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { RangeRequestsPlugin } from 'workbox-range-requests';
import { LIVE_PATH, isHashedPath } from './urlPatterns.ts';

declare const self: ServiceWorkerGlobalScope;

const sameOrigin = (url: URL): boolean => url.origin === self.location.origin;

export function registerCacheTiers(precache: PrecacheController): void {
  // live: relay, tokens, leaderboards — a stale answer would be wrong, so the network or an error.
  registerRoute(({ url }) => sameOrigin(url) && LIVE_PATH.test(url.pathname), new NetworkOnly());

  // config: served at once from the cache, refreshed behind it for the next launch.
  registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/config.json', new StaleWhileRevalidate({ cacheName: 'tessera-config' }));

  // assets not in the precache (large media loaded on demand): hashed, so cache-first forever;
  // only whole 200s are stored, and a Range request is answered from the whole file.
  registerRoute(
    ({ url }) => sameOrigin(url) && url.pathname.startsWith('/assets/') && isHashedPath(url.pathname),
    new CacheFirst({
      cacheName: 'tessera-assets',
      plugins: [new CacheableResponsePlugin({ statuses: [200] }), new RangeRequestsPlugin()],
    }),
  );

  // Navigations get the app shell, except paths that name a file or an API: a missing asset must
  // stay a 404, never become index.html with status 200.
  registerRoute(
    new NavigationRoute(precache.createHandlerBoundToURL('/index.html'), {
      denylist: [/^\/assets\//, LIVE_PATH, /\.[a-z0-9]+$/i],
    }),
  );
}
