// The open rooms by code. Codes are unique among open rooms; a closed room's code may be drawn again.

import type { Room } from './Room.ts';
import { normalizeRoomCode, randomRoomCode } from './roomCode.ts';

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  /** `drawCode` is replaceable so tests can force a collision. */
  constructor(private readonly drawCode: () => string = randomRoomCode) {}

  /** A code no open room holds. */
  freeCode(): string {
    let code = this.drawCode();
    while (this.rooms.has(code)) code = this.drawCode();
    return code;
  }

  add(room: Room): void {
    this.rooms.set(room.code, room);
  }

  /** The open room with this code, however the player cased it. */
  find(typedCode: string): Room | undefined {
    return this.rooms.get(normalizeRoomCode(typedCode));
  }

  delete(room: Room): void {
    this.rooms.delete(room.code);
  }

  get size(): number {
    return this.rooms.size;
  }

  values(): IterableIterator<Room> {
    return this.rooms.values();
  }
}
