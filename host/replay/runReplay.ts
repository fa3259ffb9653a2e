// Re-simulates a replay and compares its recorded hashes with the ones this sim computes. It runs
// to the end even after a mismatch: the full list shows whether the match diverged once and stayed
// apart (a determinism bug or tampered input) or only one checkpoint is off (a damaged file).
// No Node imports: a page can check a replay a player uploads with the sim it already loaded.

import type { Sim } from '../Sim.ts';
import type { Replay } from './ReplayFile.ts';
import { ReplayBuildMismatchError } from './ReplayBuildMismatchError.ts';

export interface ReplayCheckpointResult {
  tick: number;
  recorded: number;
  computed: number;
  ok: boolean;
}

export interface ReplayRunResult {
  checkpoints: ReplayCheckpointResult[];
  /** Hash this sim computed after the last tick. */
  finalHash: number;
  recordedFinalHash: number;
  /** Tick of the first checkpoint that differs, else the last tick if only the final hash does. */
  firstMismatchTick: number | null;
  ticks: number;
  /** Every checkpoint and the final hash agree. */
  ok: boolean;
  /** False when the run was forced on another build (results then prove little either way). */
  sameBuild: boolean;
}

export interface RunReplayOptions {
  /** Run even if the replay was recorded by another sim build. */
  force?: boolean;
}

/** Starts a new match on `sim` (discarding whatever it was running) and replays into it. */
export function runReplay(sim: Sim, replay: Replay, options: RunReplayOptions = {}): ReplayRunResult {
  const sameBuild = replay.buildId === sim.buildId;
  if (!sameBuild && !options.force) throw new ReplayBuildMismatchError(replay.buildId, sim.buildId);

  const { players } = replay.config;
  if (replay.inputs.length !== replay.ticks * players) {
    throw new RangeError(`replay has ${replay.inputs.length} inputs for ${replay.ticks} ticks × ${players} players`);
  }
  sim.start(replay.config);
  const checkpoints: ReplayCheckpointResult[] = [];
  let next = 0;
  for (let t = 0; t < replay.ticks; t++) {
    sim.stepWith(replay.inputs.subarray(t * players, (t + 1) * players));
    const expected = replay.checkpoints[next];
    if (expected !== undefined && expected.tick === t + 1) {
      const computed = sim.hash();
      checkpoints.push({ tick: expected.tick, recorded: expected.hash, computed, ok: computed === expected.hash });
      next++;
    }
  }
  // decodeReplay guarantees this; a hand-built Replay might not, and silently skipping
  // checkpoints would report a pass that checked less than it claims.
  if (next !== replay.checkpoints.length) {
    throw new RangeError(`replay checkpoint ${next} (tick ${replay.checkpoints[next]?.tick}) is not on a tick of the ${replay.ticks}-tick log in order`);
  }
  // Guards against an ABI change where step() stops advancing the tick exactly once.
  if (sim.tick !== replay.ticks) throw new Error(`sim reports tick ${sim.tick} after stepping ${replay.ticks} ticks`);

  const finalHash = sim.hash();
  const firstBad = checkpoints.find((c) => !c.ok);
  const finalOk = finalHash === replay.finalHash;
  const firstMismatchTick = firstBad !== undefined ? firstBad.tick : finalOk ? null : replay.ticks;
  return {
    checkpoints,
    finalHash,
    recordedFinalHash: replay.finalHash,
    firstMismatchTick,
    ticks: replay.ticks,
    ok: firstMismatchTick === null,
    sameBuild,
  };
}
