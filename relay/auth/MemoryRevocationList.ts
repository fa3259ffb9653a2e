// The embedded default: revocations in a Map. A revocation matters only while a token it covers
// could still verify, and the verifier refuses tokens older than maxTokenAgeS, so each entry is
// dropped that long after it was made — memory stays bounded by recent revocations.

import type { RevocationList, RevocationTarget } from './RevocationList.ts';
import type { VerifiedToken } from './VerifiedToken.ts';

export class MemoryRevocationList implements RevocationList {
  /** jti → when to forget it (ms since the epoch). */
  private readonly tokens = new Map<string, number>();
  /** sub → tokens issued up to revokedAtS are revoked; forgotten at forgetAtMs. */
  private readonly subjects = new Map<string, { revokedAtS: number; forgetAtMs: number }>();

  constructor(
    private readonly maxTokenAgeS: number,
    private readonly now: () => number = Date.now,
  ) {}

  async isRevoked(token: VerifiedToken): Promise<boolean> {
    const now = this.now();
    const tokenForgetAt = token.jti === null ? undefined : this.tokens.get(token.jti);
    if (tokenForgetAt !== undefined && tokenForgetAt > now) return true;
    const subject = this.subjects.get(token.playerId);
    return subject !== undefined && subject.forgetAtMs > now && token.issuedAtS <= subject.revokedAtS;
  }

  async revoke(target: RevocationTarget): Promise<void> {
    const now = this.now();
    this.forgetExpired(now);
    const forgetAtMs = now + this.maxTokenAgeS * 1000;
    if ('jti' in target) this.tokens.set(target.jti, forgetAtMs);
    else this.subjects.set(target.sub, { revokedAtS: Math.floor(now / 1000), forgetAtMs });
  }

  get size(): number {
    return this.tokens.size + this.subjects.size;
  }

  // Runs on revoke, the only thing that adds entries, so the maps never outgrow recent revocations.
  private forgetExpired(now: number): void {
    for (const [jti, forgetAt] of this.tokens) if (forgetAt <= now) this.tokens.delete(jti);
    for (const [sub, entry] of this.subjects) if (entry.forgetAtMs <= now) this.subjects.delete(sub);
  }
}
