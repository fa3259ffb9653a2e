// POST /token: short-lived guest tokens for the embedded default (no identity provider). Each
// guest is a new random subject; the token is signed with the relay's HS256 key, so only this
// relay (or relays sharing JWT_SECRET) accepts it.

import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { RelayConfig } from '../config.ts';
import { playerName } from './playerName.ts';

export interface GuestToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

export type GuestTokenIssuer = (requestedName: string | undefined) => Promise<GuestToken>;

type IssueConfig = Pick<RelayConfig, 'jwtIssuer' | 'jwtAudience' | 'guestTokenTtlS'> & { jwtSecret: Uint8Array };

export function createGuestTokenIssuer(config: IssueConfig): GuestTokenIssuer {
  return async (requestedName) => {
    const id = randomBytes(9).toString('base64url');
    const subject = `guest:${id}`;
    const token = await new SignJWT({ name: playerName(requestedName ?? `Guest ${id.slice(0, 4)}`, subject) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuer(config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setIssuedAt()
      .setExpirationTime(`${config.guestTokenTtlS}s`)
      .sign(config.jwtSecret);
    return { token, expiresIn: config.guestTokenTtlS };
  };
}
