// Why a room request was refused. The RoomService turns it into RoomRequestFailed for the member who
// asked; the connection stays open, because a refused request is an ordinary answer, not a fault.

import type { RoomError } from '../../protocol/generated/tessera.ts';

export class RoomRefusal extends Error {
  override name = 'RoomRefusal';
  constructor(
    readonly error: RoomError,
    /** Shown to the player: says what was wrong (at most 200 bytes, RoomRequestFailed.message). */
    message: string,
  ) {
    super(message);
  }
}
