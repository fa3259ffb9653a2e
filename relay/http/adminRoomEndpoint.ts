// GET /admin/rooms/:code with `Authorization: Bearer $RELAY_ADMIN_KEY`: one room as the relay sees it
// — phase, frontier, its verifier's checkpoint hashes, desyncs, members. Operators explain a desync
// with it; tests compare clients' confirmed hashes with the relay's through it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminKeyCheck } from './adminKey.ts';
import { HttpError, sendJson } from './json.ts';

export const ADMIN_ROOMS_PATH = '/admin/rooms/';

export function adminRoomEndpoint(adminKey: string | null, findRoom: (code: string) => object | undefined) {
  const checkAdminKey = adminKeyCheck(adminKey);
  return (req: IncomingMessage, res: ServerResponse): void => {
    checkAdminKey(req);
    const code = decodeURIComponent(new URL(req.url ?? '/', 'http://relay').pathname.slice(ADMIN_ROOMS_PATH.length));
    const room = findRoom(code);
    if (room === undefined) throw new HttpError(404, `no open room has the code ${JSON.stringify(code.slice(0, 16))}`);
    sendJson(res, 200, room);
  };
}
