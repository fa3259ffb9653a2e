// URL patterns shared by the service worker, its build step and the static server: one
// definition of "a content-hashed file" and "a live endpoint".

/** Vite's `name-HASH8.ext`. */
const HASH_SUFFIX = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/i;
/** Unhashed names that look hashed ("-manifest." is eight letters). */
const LOOKALIKES = /\/asset-manifest\.json$/;

/** A content-hashed file: its name never changes meaning, so it is cached for good. */
export function isHashedPath(pathname: string): boolean {
  return HASH_SUFFIX.test(pathname) && !LOOKALIKES.test(`/${pathname}`);
}

/** The relay and its token and operations endpoints: never cached. */
export const LIVE_PATH = /^\/(ws|token|healthz|metrics|api)(\/|$)/;
