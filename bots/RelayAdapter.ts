// The seam between the bots engine (connecting, pacing, counting) and one relay's protocol, so the
// same engine drives Tessera's relay (bots/tesseraAdapter.ts; with the real rollback session and
// sim, bots/simAdapter.ts) and the bench's minimal relay (bench/relay/minimalRelayAdapter.ts).
import type { RoomTally } from './RoomTally.ts';

export interface RoomPlan {
  /** Unique over all rooms of the run, across worker threads. */
  readonly index: number;
  readonly players: number;
  /**
   * Where in the tick (0 ≤ phaseMs < tickMs, see bots/tickClock.ts) the room's match clock should
   * fall, so rooms do not all send at once; how is the adapter's business (its relay may own the clock).
   */
  readonly phaseMs: number;
  /** Ticks the match must last to outlive the run (MatchSettings.matchTicks, for relays that have one). */
  readonly matchTicks: number;
}

/** A room whose bots are connected, seated and in a match. */
export interface OpenRoom {
  /** Local time (performance.now()) at which the room sends tick 0: tick t goes out tickMs·t later.
   *  The adapter may move it (a relay that owns the clock can tell the room it fell behind). */
  readonly startAt: number;
  /**
   * Every connected bot of the room sends its input for tick, timestamped as it goes out; returns
   * how many went out. Called once per tick period, so it is also the bots' frame: an adapter whose
   * bots pace themselves (bots/simAdapter.ts, where the rollback session decides which ticks to
   * run) runs its frame here, tallies the inputs it actually sent itself and returns 0.
   */
  sendInputs(tick: number): number;
  /** Closes every bot's connection; closes after this are not errors. */
  close(): void;
}

export interface RelayAdapter {
  /**
   * Connects the room's bots, seats them and resolves once the match is on. Reports
   * everything the bots receive to tally. On failure or abort it closes what it opened and rejects.
   */
  openRoom(plan: RoomPlan, tally: RoomTally, signal: AbortSignal): Promise<OpenRoom>;
}

/** What an adapter module exports; each worker thread imports the module by URL and calls it once. */
export type CreateRelayAdapter = (relayUrl: string) => RelayAdapter;
