// The admin API's one lock: `Authorization: Bearer $RELAY_ADMIN_KEY`. Without a key the API is off
// (404, as if it did not exist); a missing or wrong key is 401.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../auth/bearerToken.ts';
import { HttpError } from './json.ts';

/** Returns a check that throws the HttpError for a request without the admin key. */
export function adminKeyCheck(adminKey: string | null): (req: IncomingMessage) => void {
  const keyDigest = adminKey === null ? null : sha256(adminKey);
  return (req) => {
    if (keyDigest === null) throw new HttpError(404, 'the admin API is off on this relay (set RELAY_ADMIN_KEY)');
    const presented = bearerToken(req.headers.authorization ?? '');
    // Digests of equal length, compared in constant time: the key leaks neither its length nor a prefix.
    if (presented === null || !timingSafeEqual(sha256(presented), keyDigest)) {
      throw new HttpError(401, 'missing or wrong admin key (Authorization: Bearer $RELAY_ADMIN_KEY)', { 'WWW-Authenticate': 'Bearer' });
    }
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
