// The origin allow-list stops other websites' pages from opening sockets with a visitor's token
// (cross-site WebSocket hijacking). Browsers always send Origin on a WebSocket upgrade; clients
// without one (bots, game engines, servers) are not browsers and could send any value anyway,
// so a missing Origin is allowed.

import type { OriginPolicy } from '../config.ts';

export function originAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || policy.kind === 'any') return true;
  if (policy.kind === 'list') return policy.origins.has(origin);
  // Same origin: the page was served by this host. The scheme can differ behind a TLS proxy.
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
