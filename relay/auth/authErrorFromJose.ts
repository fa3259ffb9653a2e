// jose's verification errors → the close code and reason the client gets. Each reason names the
// claim or check that failed; a developer should not need the relay's logs to fix their token.

import { errors } from 'jose';
import { CloseCode } from '../../protocol/generated/tessera.ts';
import { AuthError } from './AuthError.ts';

/** RFC 6455 "try again later": the relay could not check the token (JWKS unreachable), not the client's fault. */
const TRY_AGAIN_LATER = 1013;

export function authErrorFromJose(error: unknown, expected: { issuer: string; audience: string; algorithms: readonly string[] }): AuthError {
  if (error instanceof errors.JWTExpired) {
    return new AuthError(
      CloseCode.authExpired,
      error.claim === 'iat' ? `token too old: issued ${isoTime(error.payload['iat'])}` : `token expired at ${isoTime(error.payload['exp'])}`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason, payload } = error;
    if (claim === 'aud') return new AuthError(CloseCode.authWrongAudience, `token audience ${JSON.stringify(payload['aud'] ?? null)} is not ${JSON.stringify(expected.audience)}`);
    if (claim === 'iss') return new AuthError(CloseCode.authWrongIssuer, `token issuer ${JSON.stringify(payload['iss'] ?? null)} is not trusted (expected ${JSON.stringify(expected.issuer)})`);
    if (claim === 'nbf' && reason === 'check_failed') return new AuthError(CloseCode.authExpired, `token not valid before ${isoTime(payload['nbf'])}`);
    if (claim === 'iat' && reason === 'check_failed') return new AuthError(CloseCode.authExpired, `token issued in the future (${isoTime(payload['iat'])})`);
    return new AuthError(CloseCode.authMalformed, reason === 'missing' ? `token has no "${claim}" claim` : `token claim "${claim}" is invalid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError(CloseCode.authBadSignature, 'token signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return new AuthError(CloseCode.authBadSignature, 'no key in the relay\'s JWKS matches the token (kid/alg)');
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthError(CloseCode.authBadSignature, `token algorithm not accepted (expected ${expected.algorithms.join(' or ')})`);
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new AuthError(CloseCode.authMalformed, `token is not a well-formed JWT: ${error.message}`);
  }
  return new AuthError(TRY_AGAIN_LATER, 'could not check the token (signing keys unavailable); try again');
}

function isoTime(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : String(seconds);
}
