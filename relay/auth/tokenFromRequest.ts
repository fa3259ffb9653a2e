// Where a client puts its token on the upgrade request: `Authorization: Bearer …` (servers,
// engines) or `?token=` (browsers, which cannot set headers on a WebSocket). Neither → the
// client must send an Auth message first.

import type { IncomingMessage } from 'node:http';
import { CloseCode } from '../../protocol/generated/tessera.ts';
import { AuthError } from './AuthError.ts';
import { bearerToken } from './bearerToken.ts';

/** The token, or null when the request carries none; throws AuthError for an unusable header. */
export function tokenFromRequest(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const token = bearerToken(header);
    if (token === null) throw new AuthError(CloseCode.authMalformed, 'Authorization header is not "Bearer <token>"');
    return token;
  }
  return new URL(req.url ?? '/', 'http://relay').searchParams.get('token') || null;
}
