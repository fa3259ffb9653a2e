// Records a match as it is played: starts it, steps the sim with each tick's inputs, keeps the
// inputs exactly as the sim saw them and the state hash every `interval` ticks. Everything goes
// through Sim.stepWith, the same call runReplay uses, so recording and replaying cannot drift
// apart in how inputs reach the wasm.

import type { Sim } from '../Sim.ts';
import { type MatchConfig, validateMatchConfig } from '../MatchConfig.ts';
import type { Replay, ReplayCheckpoint } from './ReplayFile.ts';

export const DEFAULT_CHECKPOINT_INTERVAL = 60;

export interface ReplayRecorderOptions {
  /** Ticks between checkpoints (1..65535): smaller finds a divergence closer to its cause. */
  interval?: number;
  /** Snapshot ring size passed to Sim.start (outside the hashed state, so not recorded). */
  ringSlots?: number;
}

export class ReplayRecorder {
  readonly config: MatchConfig;
  readonly interval: number;
  private log: Int32Array;
  private recorded = 0;
  private readonly checkpoints: ReplayCheckpoint[] = [];
  private readonly row: Int32Array;

  /** Starts the match on `sim`: the recorder must see every tick from the first. */
  constructor(
    readonly sim: Sim,
    config: MatchConfig,
    options: ReplayRecorderOptions = {},
  ) {
    const interval = options.interval ?? DEFAULT_CHECKPOINT_INTERVAL;
    if (!Number.isInteger(interval) || interval < 1 || interval > 0xffff) {
      throw new RangeError(`checkpoint interval must be a whole number in 1..65535, got ${interval}`);
    }
    this.interval = interval;
    validateMatchConfig(config);
    // The sim ignores bot bits at or above `players`; dropping them keeps the file canonical.
    this.config = { ...config, botMask: config.botMask & ((1 << config.players) - 1) };
    sim.start(this.config, options.ringSlots);
    this.row = new Int32Array(this.config.players);
    this.log = new Int32Array(this.config.players * 1024);
  }

  /**
   * Carry on recording `replay` (a match recorded so far) from `snapshot`, the state arena at its
   * last tick: starts `sim` with the replay's config, puts the snapshot back and adopts the log.
   */
  static resume(sim: Sim, replay: Replay, snapshot: Uint8Array): ReplayRecorder {
    const recorder = new ReplayRecorder(sim, replay.config, { interval: replay.checkpointInterval });
    sim.restoreState(snapshot);
    if (sim.tick !== replay.ticks || sim.hash() !== replay.finalHash) {
      throw new Error(`the snapshot (tick ${sim.tick}) is not the state the replay ends in (tick ${replay.ticks})`);
    }
    recorder.log = new Int32Array(Math.max(replay.inputs.length, recorder.log.length));
    recorder.log.set(replay.inputs);
    recorder.recorded = replay.ticks;
    recorder.checkpoints.push(...replay.checkpoints.map((c) => ({ ...c })));
    return recorder;
  }

  /** Ticks recorded so far. */
  get ticks(): number {
    return this.recorded;
  }

  /**
   * Step one tick with one input per slot (missing slots get 0, as in Sim.stepWith). Bots ignore
   * theirs, but it is recorded all the same so the log has a fixed shape.
   */
  record(inputs: ArrayLike<number>): void {
    const players = this.config.players;
    if (inputs.length > players) throw new RangeError(`${inputs.length} inputs for ${players} players`);
    if (this.sim.tick !== this.recorded) {
      // Someone else stepped or restarted the sim: the log would no longer describe the match.
      throw new Error(`sim is at tick ${this.sim.tick} but the recorder has ${this.recorded} ticks: the sim was driven behind the recorder's back`);
    }
    // `| 0` is the ToInt32 the wasm boundary applies, so the log holds what the sim read.
    for (let slot = 0; slot < players; slot++) this.row[slot] = (inputs[slot] ?? 0) | 0;
    this.sim.stepWith(this.row);
    const at = this.recorded * players;
    if (at + players > this.log.length) {
      const grown = new Int32Array(this.log.length * 2);
      grown.set(this.log);
      this.log = grown;
    }
    this.log.set(this.row, at);
    this.recorded++;
    if (this.recorded % this.interval === 0) this.checkpoints.push({ tick: this.recorded, hash: this.sim.hash() });
  }

  /** The replay so far (a copy: recording may go on). Deflated unless `compress` is false. */
  finish({ compress = true }: { compress?: boolean } = {}): Replay {
    if (this.sim.tick !== this.recorded) {
      throw new Error(`sim is at tick ${this.sim.tick} but the recorder has ${this.recorded} ticks: the final hash would not match the log`);
    }
    return {
      buildId: this.sim.buildId,
      config: { ...this.config },
      checkpointInterval: this.interval,
      ticks: this.recorded,
      inputs: this.log.slice(0, this.recorded * this.config.players),
      checkpoints: this.checkpoints.map((c) => ({ ...c })),
      finalHash: this.sim.hash(),
      compressed: compress,
    };
  }
}
