// POST /token {"name"?: string} → {"token", "expiresIn"}: a guest token for the embedded default.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuestTokenIssuer } from '../auth/GuestTokenIssuer.ts';
import { HttpError, readJsonObject, sendJson } from './json.ts';

export function tokenEndpoint(issue: GuestTokenIssuer | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (issue === null) throw new HttpError(404, 'guest tokens are off on this relay (RELAY_GUEST_TOKENS); get a token from the game\'s identity provider');
    const { name } = await readJsonObject(req);
    if (name !== undefined && typeof name !== 'string') throw new HttpError(400, '"name" must be a string');
    sendJson(res, 200, await issue(name));
  };
}
