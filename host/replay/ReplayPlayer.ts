// Plays a replay into a sim one tick at a time, checking each recorded checkpoint as it passes.
// The batch runner (runReplay) and the browser's replay viewer, which steps it from its frame
// loop, share this one implementation, so both report the same hashes for the same file.

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

export class ReplayPlayer {
  readonly checkpoints: ReplayCheckpointResult[] = [];
  private tick = 0;
  private next = 0;
  private readonly sameBuild: boolean;

  /** Starts a new match on `sim` (discarding whatever it was running), ready to play `replay`. */
  constructor(private readonly sim: Sim, readonly replay: Replay, options: RunReplayOptions = {}) {
    this.sameBuild = replay.buildId === sim.buildId;
    if (!this.sameBuild && !options.force) throw new ReplayBuildMismatchError(replay.buildId, sim.buildId);
    const { players } = replay.config;
    if (replay.inputs.length !== replay.ticks * players) {
      throw new RangeError(`replay has ${replay.inputs.length} inputs for ${replay.ticks} ticks × ${players} players`);
    }
    sim.start(replay.config);
  }

  get done(): boolean {
    return this.tick === this.replay.ticks;
  }

  /** Advance one tick (no-op once done), checking the checkpoint recorded for it if any. */
  step(): void {
    if (this.done) return;
    const { players } = this.replay.config;
    const t = this.tick;
    this.sim.stepWith(this.replay.inputs.subarray(t * players, (t + 1) * players));
    this.tick = t + 1;
    const expected = this.replay.checkpoints[this.next];
    if (expected !== undefined && expected.tick === this.tick) {
      const computed = this.sim.hash();
      this.checkpoints.push({ tick: expected.tick, recorded: expected.hash, computed, ok: computed === expected.hash });
      this.next++;
    }
  }

  /** The verdict once every tick has played. */
  result(): ReplayRunResult {
    const { replay, sim } = this;
    if (!this.done) throw new Error(`replay result asked for at tick ${this.tick} of ${replay.ticks}`);
    // decodeReplay guarantees this; a hand-built Replay might not, and silently skipping
    // checkpoints would report a pass that checked less than it claims.
    if (this.next !== replay.checkpoints.length) {
      throw new RangeError(`replay checkpoint ${this.next} (tick ${replay.checkpoints[this.next]?.tick}) is not on a tick of the ${replay.ticks}-tick log in order`);
    }
    // Guards against an ABI change where step() stops advancing the tick exactly once.
    if (sim.tick !== replay.ticks) throw new Error(`sim reports tick ${sim.tick} after stepping ${replay.ticks} ticks`);
    const finalHash = sim.hash();
    const firstBad = this.checkpoints.find((c) => !c.ok);
    const finalOk = finalHash === replay.finalHash;
    const firstMismatchTick = firstBad !== undefined ? firstBad.tick : finalOk ? null : replay.ticks;
    return {
      checkpoints: this.checkpoints,
      finalHash,
      recordedFinalHash: replay.finalHash,
      firstMismatchTick,
      ticks: replay.ticks,
      ok: firstMismatchTick === null,
      sameBuild: this.sameBuild,
    };
  }
}
