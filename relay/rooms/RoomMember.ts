// What the rooms need from a connection. The relay's connection class implements it; the rooms never
// see a socket, so their logic runs (and is tested) without one.

import type { RelayMessage } from '../../protocol/generated/tessera.ts';

export interface RoomMember {
  /** The token's subject: who the player is, across connections. */
  readonly playerId: string;
  /** The name shown to the other members (at most 32 bytes of UTF-8: the IDL's Member.name). */
  readonly name: string;
  /** Round trip to the relay in ms from the heartbeat (0 until measured; at most 65535, Member.pingMs). */
  readonly pingMs: number;
  /** Encodes and frames `message` with this connection's seq. */
  send(message: RelayMessage): void;
  /**
   * A payload already encoded once for many members (Frames, lifecycle broadcasts): framed with this
   * connection's seq, no re-encode. Must not call back into the RoomService synchronously (a slow
   * client is closed and reported through `disconnect` from the socket's close event), because the
   * room is iterating its members while it sends.
   */
  sendPayload(typeId: number, payload: Uint8Array): void;
}
