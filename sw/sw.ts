// Tessera's service worker (built by tools/buildServiceWorker.ts with the Workbox engine).
// - shell: every file the game needs, precached by content hash; an update fetches only the
//   entries whose hash changed, and both versions' entries live side by side until the new one
//   activates, so a page never mixes two versions.
// - a new version waits: it activates when the player accepts (SKIP_WAITING from the page, which
//   the app sends only between matches) or when every window of the old one has closed.

import { PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { RangeRequestsPlugin } from 'workbox-range-requests';
import { registerCacheTiers } from './cacheTiers.ts';
import type { ServiceWorkerRequest, UpdateSummary } from './messages.ts';
import { precacheEntries, precacheVersion } from './precacheEntries.ts';
import { UpdateTracker, forgetOtherSummaries, storedSummary } from './updateTracker.ts';
import { wasmContentType } from './wasmContentType.ts';

declare const self: ServiceWorkerGlobalScope;

const tracker = new UpdateTracker();
const precache = new PrecacheController({ plugins: [tracker.plugin, wasmContentType, new RangeRequestsPlugin()] });
precache.addToCacheList(precacheEntries.map(({ url, revision }) => ({ url, revision })));

self.addEventListener('install', (event) => {
  event.waitUntil(tracker.begin(precache).then(() => precache.install(event)));
});

self.addEventListener('activate', (event) => {
  // Deletes the entries only the old version used, then takes the pages that opened before any
  // service worker was installed (a first visit), so they work offline at once.
  event.waitUntil(precache.activate(event).then(() => Promise.all([forgetOtherSummaries(), self.clients.claim()])));
});

// Query parameters (?seed=, ?replay=, ?room=) never change which file is served.
registerRoute(new PrecacheRoute(precache, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' }));
registerCacheTiers(precache);

self.addEventListener('message', (event) => {
  const request = event.data as ServiceWorkerRequest;
  const reply = (answer: UpdateSummary | null): void => event.ports[0]?.postMessage(answer);
  if (request.type === 'SKIP_WAITING') void self.skipWaiting();
  else if (request.type === 'get-update-summary') event.waitUntil(storedSummary().then(reply));
  else if (request.type === 'get-version') {
    reply({ version: precacheVersion, files: precacheEntries.length, bytes: precacheEntries.reduce((n, e) => n + e.bytes, 0) });
  }
});
