// The quick-match lobby still filling for each kind of match (sim build and room size). A new lobby
// opens only when none is open for its kind, so the one open lobby is always the fullest. Rooms made
// with CreateRoom never enter the pool: a room shared by code stays among friends.

import type { Room } from './Room.ts';

export class QuickMatchPool {
  private readonly lobbies = new Map<string, Room>();

  /** The open lobby for this build and size, if any. */
  lobby(simBuild: string, maxPlayers: number): Room | undefined {
    return this.lobbies.get(poolKey(simBuild, maxPlayers));
  }

  add(room: Room): void {
    this.lobbies.set(poolKey(room.simBuild, room.maxPlayers), room);
  }

  /** A lobby leaves the pool when its match starts or it closes. */
  remove(room: Room): void {
    const key = poolKey(room.simBuild, room.maxPlayers);
    if (this.lobbies.get(key) === room) this.lobbies.delete(key);
  }
}

function poolKey(simBuild: string, maxPlayers: number): string {
  return `${maxPlayers}/${simBuild}`;
}
