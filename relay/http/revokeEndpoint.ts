// POST /admin/revoke {"jti"} or {"sub"} with `Authorization: Bearer $RELAY_ADMIN_KEY`: revokes a
// token (or every current token of a subject) and closes the live sockets holding it.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from '../auth/bearerToken.ts';
import type { RevocationList, RevocationTarget } from '../auth/RevocationList.ts';
import type { RelayLog } from '../log.ts';
import { HttpError, readJsonObject, sendJson } from './json.ts';

export interface RevokeEndpointOptions {
  adminKey: string | null;
  revocations: RevocationList;
  /** Closes the sockets the new revocation covers; resolves to how many. */
  closeRevoked: () => Promise<number>;
  log: RelayLog;
}

export function revokeEndpoint({ adminKey, revocations, closeRevoked, log }: RevokeEndpointOptions) {
  const keyDigest = adminKey === null ? null : sha256(adminKey);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (keyDigest === null) throw new HttpError(404, 'the admin API is off on this relay (set RELAY_ADMIN_KEY)');
    const presented = bearerToken(req.headers.authorization ?? '');
    // Digests of equal length, compared in constant time: the key leaks neither its length nor a prefix.
    if (presented === null || !timingSafeEqual(sha256(presented), keyDigest)) {
      throw new HttpError(401, 'missing or wrong admin key (Authorization: Bearer $RELAY_ADMIN_KEY)', { 'WWW-Authenticate': 'Bearer' });
    }
    const target = revocationTarget(await readJsonObject(req));
    await revocations.revoke(target);
    const closed = await closeRevoked();
    log.info({ ...target, closedConnections: closed }, 'revoked');
    sendJson(res, 200, { revoked: target, closedConnections: closed });
  };
}

function revocationTarget(body: Record<string, unknown>): RevocationTarget {
  const { jti, sub } = body;
  if (typeof jti === 'string' && jti !== '' && sub === undefined) return { jti };
  if (typeof sub === 'string' && sub !== '' && jti === undefined) return { sub };
  throw new HttpError(400, 'body must be {"jti": "<token id>"} or {"sub": "<player id>"}');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
