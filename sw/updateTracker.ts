// Knows what an install downloads: before Workbox fetches anything it lists the precache entries
// missing from the cache (the only ones Workbox will fetch), stores that summary so the page can
// ask for it later ("update ready: N files, X KB"), and reports progress to every window as each
// entry lands.

import type { PrecacheController } from 'workbox-precaching';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import type { UpdateProgress, UpdateSummary } from './messages.ts';
import { bytesByUrl, precacheVersion } from './precacheEntries.ts';

declare const self: ServiceWorkerGlobalScope;

const META_CACHE = 'tessera-meta';
const summaryKey = (version: string): string => new URL(`__tessera/update-summary/${version}`, self.registration.scope).href;

export class UpdateTracker {
  private progress: UpdateProgress | null = null;
  /** cache key → size, for the entries this install fetches. */
  private pending = new Map<string, number>();

  /** Goes into the PrecacheController's plugins: counts each entry as it is stored. */
  readonly plugin: WorkboxPlugin = {
    cacheDidUpdate: async ({ request }) => {
      const bytes = this.pending.get(request.url);
      if (!this.progress || bytes === undefined) return;
      this.progress.doneFiles++;
      this.progress.doneBytes += bytes;
      await broadcast(this.progress);
    },
  };

  /** Call in `install`, before the precache installs. */
  async begin(precache: PrecacheController): Promise<void> {
    const cache = await caches.open(precache.strategy.cacheName);
    this.pending.clear();
    for (const [url, cacheKey] of precache.getURLsToCacheKeys()) {
      if (!(await cache.match(cacheKey))) this.pending.set(cacheKey, bytesByUrl.get(url) ?? 0);
    }
    const summary: UpdateSummary = { version: precacheVersion, files: this.pending.size, bytes: sum(this.pending.values()) };
    await (await caches.open(META_CACHE)).put(summaryKey(precacheVersion), Response.json(summary));
    // A first install is not an update: nothing to announce.
    this.progress = self.registration.active ? { type: 'update-progress', ...summary, doneFiles: 0, doneBytes: 0 } : null;
    if (this.progress) await broadcast(this.progress);
  }
}

/** What installing this version downloaded (null if this version never installed here). */
export async function storedSummary(): Promise<UpdateSummary | null> {
  const response = await (await caches.open(META_CACHE)).match(summaryKey(precacheVersion));
  return response ? ((await response.json()) as UpdateSummary) : null;
}

/** Drop summaries of other versions (called once this version is active). */
export async function forgetOtherSummaries(): Promise<void> {
  const cache = await caches.open(META_CACHE);
  const keep = summaryKey(precacheVersion);
  for (const request of await cache.keys()) if (request.url !== keep) await cache.delete(request);
}

async function broadcast(message: UpdateProgress): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage(message);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
