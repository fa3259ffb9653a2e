// The precache list the build injected (tools/buildServiceWorker.ts), with each file's size, and
// the version derived from it.

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

export interface PrecacheEntry {
  url: string;
  /** null for content-hashed file names, which are their own revision. */
  revision: string | null;
  /** Uncompressed size, added by the build so an update can say how much it downloads. */
  bytes: number;
}

export const precacheEntries: PrecacheEntry[] = self.__WB_MANIFEST;

/** FNV-1a over the list: two builds with the same files at the same revisions share a version. */
export const precacheVersion: string = (() => {
  let h = 0x811c9dc5;
  for (const e of precacheEntries) {
    for (const ch of `${e.url}\n${e.revision ?? ''}\n`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
})();

/** Size by absolute URL, the form Workbox's cache keys take (before the revision parameter). */
export const bytesByUrl: Map<string, number> = new Map(precacheEntries.map((e) => [new URL(e.url, self.location.href).href, e.bytes]));
