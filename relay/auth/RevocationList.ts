// Revoked tokens. In memory by default (MemoryRevocationList); a Redis-backed list shared by
// several relays implements the same interface later, hence the promises.

import type { VerifiedToken } from './VerifiedToken.ts';

/** One token (by `jti`) or every token a subject holds now (by `sub`). */
export type RevocationTarget = { jti: string } | { sub: string };

export interface RevocationList {
  isRevoked(token: VerifiedToken): Promise<boolean>;
  revoke(target: RevocationTarget): Promise<void>;
}
