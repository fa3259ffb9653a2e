// POST /admin/revoke {"jti"} or {"sub"} with `Authorization: Bearer $RELAY_ADMIN_KEY`: revokes a
// token (or every current token of a subject) and closes the live sockets holding it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RevocationList, RevocationTarget } from '../auth/RevocationList.ts';
import type { RelayLog } from '../log.ts';
import { adminKeyCheck } from './adminKey.ts';
import { HttpError, readJsonObject, sendJson } from './json.ts';

export interface RevokeEndpointOptions {
  adminKey: string | null;
  revocations: RevocationList;
  /** Closes the sockets the new revocation covers; resolves to how many. */
  closeRevoked: () => Promise<number>;
  log: RelayLog;
}

export function revokeEndpoint({ adminKey, revocations, closeRevoked, log }: RevokeEndpointOptions) {
  const checkAdminKey = adminKeyCheck(adminKey);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    checkAdminKey(req);
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
