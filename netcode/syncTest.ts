// The local sync test game developers run on their sim (USERS.md): play a match where every tick is
// rolled back and re-simulated with the same inputs, and name the first tick whose state came out
// different. A sim that reads anything outside its state (Math.random, the clock, a JS-side cache)
// or keeps state the snapshot ring misses fails here, offline, long before it desyncs online.

import type { MatchConfig } from '../host/MatchConfig.ts';
import type { Sim } from '../host/Sim.ts';
import { RollbackSession } from './RollbackSession.ts';

export interface SyncTestResult {
  /** Ticks played. */
  ticks: number;
  /** The first tick whose state after a rollback differed from the first run, or null. */
  firstMismatchTick: number | null;
  /** The two hashes at that tick: first run, then re-simulated. */
  hashes: readonly [number, number] | null;
}

/**
 * Plays `ticks` ticks of `config` on `sim` with `inputs(tick)` (one per seat), rolling back `depth`
 * ticks (at most the prediction window, default 8) after every tick.
 */
export function runSyncTest(sim: Sim, config: MatchConfig, inputs: (tick: number) => readonly number[], ticks: number, depth = 8): SyncTestResult {
  const session = new RollbackSession(sim, config, { localSeat: null, predictionWindow: Math.max(1, depth) });
  for (let tick = 0; tick < ticks; tick++) {
    session.confirm(tick, [{ inputs: inputs(tick) }]);
    session.advance(0);
    const first = sim.hash();
    session.forceRollback(depth);
    const again = sim.hash();
    if (again !== first) return { ticks: tick + 1, firstMismatchTick: tick + 1, hashes: [first, again] };
  }
  return { ticks, firstMismatchTick: null, hashes: null };
}
