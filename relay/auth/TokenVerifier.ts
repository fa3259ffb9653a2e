// Verifies a relay token with jose: HS256 with JWT_SECRET and/or RS256/ES256 against the JWKS at
// JWT_JWKS_URL (both may be set: an identity provider's tokens and the relay's own guest tokens).
// Algorithms are pinned per key, so an HS256 token is never checked against a public key.

import { createRemoteJWKSet, jwtVerify, type JWTHeaderParameters, type FlattenedJWSInput, type JWTPayload } from 'jose';
import { CloseCode } from '../../protocol/generated/tessera.ts';
import type { RelayConfig } from '../config.ts';
import { utf8Length } from '../truncateUtf8.ts';
import { AuthError } from './AuthError.ts';
import { authErrorFromJose } from './authErrorFromJose.ts';
import { playerName } from './playerName.ts';
import type { VerifiedToken } from './VerifiedToken.ts';

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/** Member.playerId is a string(64). */
const MAX_SUBJECT_BYTES = 64;
const JWKS_ALGORITHMS = ['RS256', 'ES256'];
/** Seconds of clock skew tolerated between the token's issuer and the relay. */
const CLOCK_TOLERANCE_S = 5;

type VerifyConfig = Pick<RelayConfig, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'maxTokenAgeS'>;

export function createTokenVerifier(config: VerifyConfig): TokenVerifier {
  const { jwtSecret: secret, jwksUrl } = config;
  const jwks = jwksUrl ? createRemoteJWKSet(jwksUrl) : null;
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? JWKS_ALGORITHMS : [])];
  // jose refuses an algorithm outside `algorithms` before asking for a key, so HS256 gets here
  // only when there is a secret and anything else only when there is a JWKS.
  const keyFor = (header: JWTHeaderParameters, token: FlattenedJWSInput) => (header.alg === 'HS256' ? secret! : jwks!(header, token));
  const expected = { issuer: config.jwtIssuer, audience: config.jwtAudience, algorithms };

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        algorithms,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        requiredClaims: ['sub', 'exp'],
        maxTokenAge: config.maxTokenAgeS,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (error) {
      throw authErrorFromJose(error, expected);
    }
    const subject = payload.sub ?? '';
    if (subject === '' || utf8Length(subject) > MAX_SUBJECT_BYTES) {
      throw new AuthError(CloseCode.authMalformed, `token "sub" must be 1 to ${MAX_SUBJECT_BYTES} bytes`);
    }
    return {
      playerId: subject,
      name: playerName(payload['name'], subject),
      jti: typeof payload.jti === 'string' ? payload.jti : null,
      issuedAtS: payload.iat ?? 0,
      expiresAtS: payload.exp ?? 0,
    };
  };
}
