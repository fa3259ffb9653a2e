// Reads the sim's game-event ring (assembly/render/events.ts): word 0 counts every event ever
// written, then EVENT_RING entries of (tick, kind, a, b). The reader remembers how many it has
// seen; if it fell more than a ring behind, the oldest are gone and it skips to what is left.

export const GameEventKind = { Kickoff: 1, Goal: 2, MatchEnd: 3 } as const;

export interface SimGameEvent { tick: number; kind: number; a: number; b: number }

const NONE: readonly SimGameEvent[] = [];

export class GameEventReader {
  private seen = 0;

  /** Call with the ring view; returns the events written since the last call, oldest first. */
  read(ring: Int32Array): readonly SimGameEvent[] {
    const total = ring[0]!;
    if (total === this.seen) return NONE; // the common frame: nothing new, nothing allocated
    const size = (ring.length - 1) / 4;
    const from = Math.max(this.seen, total - size);
    const out: SimGameEvent[] = [];
    for (let n = from; n < total; n++) {
      const o = 1 + (n % size) * 4;
      out.push({ tick: ring[o]!, kind: ring[o + 1]!, a: ring[o + 2]!, b: ring[o + 3]! });
    }
    this.seen = total;
    return out;
  }
}
