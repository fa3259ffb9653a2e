// What the relay keeps of a token once it has verified it.

export interface VerifiedToken {
  /** The token's `sub`: the player's identity across connections (at most 64 bytes, Member.playerId). */
  playerId: string;
  /** The `name` claim, or the subject when there is none; at most 32 bytes (Member.name). */
  name: string;
  /** The `jti` claim, when the issuer sets one (needed to revoke a single token). */
  jti: string | null;
  /** `iat`, in seconds since the epoch. */
  issuedAtS: number;
  /** `exp`, in seconds since the epoch. */
  expiresAtS: number;
}
