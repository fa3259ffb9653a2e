// Re-simulates a replay and compares its recorded hashes with the ones this sim computes. It runs
// to the end even after a mismatch: the full list shows whether the match diverged once and stayed
// apart (a determinism bug or tampered input) or only one checkpoint is off (a damaged file).
// No Node imports: a page can check a replay a player uploads with the sim it already loaded.

import type { Sim } from '../Sim.ts';
import type { Replay } from './ReplayFile.ts';
import { ReplayPlayer, type ReplayRunResult, type RunReplayOptions } from './ReplayPlayer.ts';

export type { ReplayCheckpointResult, ReplayRunResult, RunReplayOptions } from './ReplayPlayer.ts';

/** Starts a new match on `sim` (discarding whatever it was running) and replays into it. */
export function runReplay(sim: Sim, replay: Replay, options: RunReplayOptions = {}): ReplayRunResult {
  const player = new ReplayPlayer(sim, replay, options);
  while (!player.done) player.step();
  return player.result();
}
