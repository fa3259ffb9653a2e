// The one question a new connection asks: who is this token, and may it connect? Verification
// (signature, claims) then the revocation list.

import { CloseCode } from '../../protocol/generated/tessera.ts';
import { AuthError } from './AuthError.ts';
import type { RevocationList } from './RevocationList.ts';
import type { TokenVerifier } from './TokenVerifier.ts';
import type { VerifiedToken } from './VerifiedToken.ts';

export type Authenticator = (token: string) => Promise<VerifiedToken>;

export function createAuthenticator(verify: TokenVerifier, revocations: RevocationList): Authenticator {
  return async (token) => {
    const verified = await verify(token);
    if (await revocations.isRevoked(verified)) {
      throw new AuthError(CloseCode.authRevoked, verified.jti ? `token ${verified.jti} has been revoked` : `tokens of ${verified.playerId} have been revoked`);
    }
    return verified;
  };
}
