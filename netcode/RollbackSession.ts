// One client's rollback session (ARCHITECTURE §4): the local sim runs ahead of the relay's confirmed
// frontier with the local input delayed by `inputDelay` ticks and every remote seat predicted to
// repeat its last confirmed input. When a confirmed tick differs from what was simulated, the sim's
// snapshot ring brings back the first wrong tick and the session re-simulates to the present.
//
// Pure: no clock, no socket. The caller feeds confirmed ticks (relay Frames) and asks it to advance;
// OnlineSession does that for the game worker and the bots. Runs every tick, so the input history
// lives in typed-array rings indexed by tick and nothing is allocated per tick.

import type { MatchConfig } from '../host/MatchConfig.ts';
import type { Sim } from '../host/Sim.ts';
import type { Replay } from '../host/replay/ReplayFile.ts';
import { headerWordNames } from '../host/SimExports.ts';

export const DEFAULT_INPUT_DELAY = 2;
export const DEFAULT_PREDICTION_WINDOW = 8;
export const DEFAULT_HASH_INTERVAL = 30;

export interface RollbackSessionOptions {
  /** This client's seat, or null for a spectator (who only plays confirmed ticks). */
  localSeat: number | null;
  /** Ticks between reading a local input and playing it (default 2). */
  inputDelay?: number;
  /** How far past the confirmed frontier the session may predict before it waits (default 8). */
  predictionWindow?: number;
  /** Ticks between checkpoint hashes (MatchStarted.hashInterval when the relay verifies; default 30). */
  hashInterval?: number;
}

export interface Checkpoint {
  readonly tick: number;
  readonly hash: number;
}

export interface RollbackStats {
  rollbacks: number;
  lastRollbackDepth: number;
  maxRollbackDepth: number;
  resimulatedTicks: number;
  /** advance() calls refused because the session was a full window ahead of the frontier. */
  stalls: number;
  /** Snapshots applied. */
  resyncs: number;
}

/** One confirmed tick as Frames carry it. */
export interface ConfirmedInputs {
  readonly inputs: readonly number[];
}

const noCheckpoints: readonly Checkpoint[] = Object.freeze([]);

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

export class RollbackSession {
  readonly seats: number;
  readonly localSeat: number | null;
  readonly inputDelay: number;
  readonly predictionWindow: number;
  readonly hashInterval: number;
  readonly stats: RollbackStats = { rollbacks: 0, lastRollbackDepth: 0, maxRollbackDepth: 0, resimulatedTicks: 0, stalls: 0, resyncs: 0 };
  /** Every final checkpoint hash, in tick order (a resync drops the ones it proved wrong). */
  readonly confirmedHashes: Checkpoint[] = [];
  /** The local input the last successful advance() assigned (reused; tick -1 for a spectator). */
  readonly sentInput = { tick: -1, input: 0 };

  private simTick: number;
  private frontier: number;
  /** First tick whose simulated inputs differ from the confirmed ones, or -1. */
  private mispredictedFrom = -1;
  private readonly mask: number;
  /** Per ring slot × seat: the inputs a simulated tick at or past the frontier was played with. */
  private readonly used: Int32Array;
  /** Per ring slot: the local input for that tick. */
  private readonly local: Int32Array;
  /** Per ring slot: the state hash after stepping to that tick (checkpoint ticks only). */
  private readonly checkpointHash: Uint32Array;
  private readonly lastConfirmed: Int32Array;
  private readonly row: Int32Array;
  /** Confirmed inputs of ticks 0..frontier-1, tick-major. */
  private log: Int32Array;
  /** The first tick whose confirmed inputs this session never saw (a reconnect gap), or Infinity. */
  private logGapAt = Infinity;
  private nextCheckpoint: number;
  private taken = 0;
  private readonly startHash: number;

  /** Starts the match on `sim` at tick 0 (or, with applySnapshot next, wherever the snapshot is). */
  constructor(
    readonly sim: Sim,
    readonly config: MatchConfig,
    options: RollbackSessionOptions,
  ) {
    this.seats = config.players;
    this.localSeat = options.localSeat;
    this.inputDelay = options.inputDelay ?? DEFAULT_INPUT_DELAY;
    this.predictionWindow = options.predictionWindow ?? DEFAULT_PREDICTION_WINDOW;
    this.hashInterval = options.hashInterval || DEFAULT_HASH_INTERVAL;
    const whole = (v: number, lo: number, hi: number, name: string): void => {
      if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${name} must be a whole number in ${lo}..${hi}, got ${v}`);
    };
    if (this.localSeat !== null) whole(this.localSeat, 0, this.seats - 1, 'localSeat');
    whole(this.inputDelay, 0, 30, 'inputDelay');
    whole(this.predictionWindow, 1, 60, 'predictionWindow');
    whole(this.hashInterval, 1, 0xffff, 'hashInterval');
    // The ring must hold every tick a rollback can return to: the frontier is at most a window
    // behind the present; the margin covers the local inputs already assigned past the present.
    const ringTicks = this.predictionWindow + this.inputDelay + 2;
    sim.start(config, ringTicks);
    this.mask = powerOfTwoAtLeast(ringTicks) - 1;
    this.used = new Int32Array((this.mask + 1) * this.seats);
    this.local = new Int32Array(this.mask + 1);
    this.checkpointHash = new Uint32Array(this.mask + 1);
    this.lastConfirmed = new Int32Array(this.seats);
    this.row = new Int32Array(this.seats);
    this.log = new Int32Array(this.seats * 4096);
    this.simTick = 0;
    this.frontier = 0;
    this.nextCheckpoint = this.hashInterval;
    this.startHash = sim.hash();
  }

  /** The local sim tick (the state after this many steps). */
  get tick(): number {
    return this.simTick;
  }

  /** Ticks before this one are confirmed by the relay. */
  get confirmedTick(): number {
    return this.frontier;
  }

  /** A player may run up to a window past the frontier; a spectator only plays confirmed ticks. */
  canAdvance(): boolean {
    if (this.localSeat === null) return this.simTick < this.frontier;
    return this.simTick - this.frontier < this.predictionWindow;
  }

  /**
   * Steps one tick, after any pending rollback. A player's `localInput` is played inputDelay ticks
   * from now: sentInput says which tick, for the caller to send. False when refused (the window is
   * full, or a spectator has nothing confirmed to play).
   */
  advance(localInput: number): boolean {
    this.rollback();
    if (!this.canAdvance()) {
      if (this.localSeat !== null) this.stats.stalls++;
      return false;
    }
    if (this.localSeat !== null) {
      const at = this.simTick + this.inputDelay;
      // An input for a tick already confirmed would never be played (the relay drops it).
      if (at >= this.frontier) this.local[at & this.mask] = localInput | 0;
      this.sentInput.tick = at;
      this.sentInput.input = localInput >>> 0;
    }
    this.step();
    return true;
  }

  /** Calls visit for every local input not yet confirmed: what to (re)send after a start, a snapshot or a reconnect. */
  unconfirmedLocalInputs(visit: (tick: number, input: number) => void): void {
    if (this.localSeat === null) return;
    for (let t = this.frontier; t < this.simTick + this.inputDelay; t++) visit(t, this.local[t & this.mask]! >>> 0);
  }

  /** Confirmed ticks firstTick.. (relay Frames). Ticks already confirmed are skipped; a gap is a caller bug. */
  confirm(firstTick: number, ticks: readonly ConfirmedInputs[]): void {
    for (let i = 0; i < ticks.length; i++) {
      const t = firstTick + i;
      if (t < this.frontier) continue;
      if (t > this.frontier) throw new Error(`confirmed tick ${t} arrived while the frontier is ${this.frontier}: frames are missing`);
      const inputs = ticks[i]!.inputs;
      const at = this.logRow(t);
      const usedAt = (t & this.mask) * this.seats;
      let mispredicted = false;
      for (let seat = 0; seat < this.seats; seat++) {
        const input = (inputs[seat] ?? 0) | 0;
        this.log[at + seat] = input;
        this.lastConfirmed[seat] = input;
        if (this.used[usedAt + seat] !== input) mispredicted = true;
      }
      if (mispredicted && t < this.simTick && (this.mispredictedFrom < 0 || t < this.mispredictedFrom)) this.mispredictedFrom = t;
      this.frontier = t + 1;
    }
    this.finalizeCheckpoints();
  }

  /**
   * Re-simulates from the first mispredicted tick to the present, if there is one (advance and
   * takeHashes call this first). Returns how many ticks it rolled back.
   */
  rollback(): number {
    const from = this.mispredictedFrom;
    if (from < 0) return 0;
    this.mispredictedFrom = -1;
    const to = this.simTick;
    if (this.sim.exports.restore(from) !== 1) {
      throw new Error(`rollback to tick ${from} failed: the snapshot ring no longer holds it (present ${to}, window ${this.predictionWindow})`);
    }
    this.simTick = from;
    while (this.simTick < to) this.step();
    const depth = to - from;
    this.stats.rollbacks++;
    this.stats.lastRollbackDepth = depth;
    if (depth > this.stats.maxRollbackDepth) this.stats.maxRollbackDepth = depth;
    this.stats.resimulatedTicks += depth;
    this.finalizeCheckpoints();
    return depth;
  }

  /**
   * Sync-test mode: re-simulates the last `depth` ticks as if they had been mispredicted (the
   * inputs stay the same, so a deterministic sim must end in the very same state).
   */
  forceRollback(depth: number): number {
    this.rollback();
    const from = Math.max(0, this.simTick - Math.min(depth, this.predictionWindow));
    if (from < this.simTick) this.mispredictedFrom = from;
    return this.rollback();
  }

  /**
   * Replaces the state with the relay's at `tick` (a Snapshot) and carries on from there: a session
   * ahead of it re-simulates back to its present, one behind it jumps to it. `divergedAt` is the
   * first tick whose state may have differed (a desync's tick): hashes from there on are dropped.
   * Returns this session's own state at `tick` when it held it or could reach it with confirmed
   * inputs (for a desync's diff), else null.
   */
  applySnapshot(tick: number, state: Uint8Array, hash: number, divergedAt = tick): Uint8Array | null {
    this.rollback();
    // A session just behind the snapshot has the confirmed inputs to reach it: its own state there is the one to compare.
    while (this.simTick < tick && this.simTick < this.frontier) this.step();
    const e = this.sim.exports;
    const ownState = tick === this.simTick || (tick < this.simTick && e.restore(tick) === 1) ? this.sim.copyState() : null;
    this.sim.restoreState(state);
    if (this.sim.tick !== tick || this.sim.hash() !== hash >>> 0) {
      throw new Error(`the snapshot for tick ${tick} restores to tick ${this.sim.tick} with hash ${this.sim.hash()}, not ${hash >>> 0}: another build or a damaged snapshot`);
    }
    this.stats.resyncs++;
    let keep = this.confirmedHashes.length;
    while (keep > 0 && this.confirmedHashes[keep - 1]!.tick >= divergedAt) keep--;
    this.confirmedHashes.length = keep;
    this.taken = Math.min(this.taken, keep);
    if (tick > this.frontier) {
      // Frames between our frontier and the snapshot never reached us: predict from nothing.
      this.logGapAt = Math.min(this.logGapAt, this.frontier);
      this.logRow(tick - 1);
      this.frontier = tick;
      this.lastConfirmed.fill(0);
    }
    this.nextCheckpoint = (Math.floor(tick / this.hashInterval) + 1) * this.hashInterval;
    const present = this.simTick;
    this.simTick = tick;
    if (present > tick) {
      while (this.simTick < present) this.step();
    } else {
      // Local inputs restart here: the first inputDelay ticks are 0 (unconfirmedLocalInputs lists them).
      for (let t = tick; t < tick + this.inputDelay; t++) this.local[t & this.mask] = 0;
    }
    this.finalizeCheckpoints();
    return ownState;
  }

  /** Final checkpoint hashes not returned before (for StateHash). */
  takeHashes(): readonly Checkpoint[] {
    this.rollback();
    if (this.taken === this.confirmedHashes.length) return noCheckpoints;
    const fresh = this.confirmedHashes.slice(this.taken);
    this.taken = this.confirmedHashes.length;
    return fresh;
  }

  /**
   * The confirmed input log as a replay, up to the last final checkpoint: null when the session
   * joined late (its log does not start at tick 0). A reconnect gap or a resync ends it where the
   * log or the hashes stop being known.
   */
  replay(): Replay | null {
    if (this.logGapAt === 0) return null;
    const interval = this.hashInterval;
    let count = 0;
    while (count < this.confirmedHashes.length && this.confirmedHashes[count]!.tick === (count + 1) * interval && (count + 1) * interval <= this.logGapAt) count++;
    const ticks = count * interval;
    return {
      buildId: this.sim.buildId,
      config: { ...this.config },
      checkpointInterval: interval,
      ticks,
      inputs: this.log.slice(0, ticks * this.seats),
      checkpoints: this.confirmedHashes.slice(0, count).map((c) => ({ tick: c.tick, hash: c.hash })),
      finalHash: count === 0 ? this.startHash : this.confirmedHashes[count - 1]!.hash,
      compressed: true,
    };
  }

  /**
   * The test hook: flips one hashed state word (the arena header's RNG state), as a memory
   * bug would, in the present and in every snapshot a rollback could go back to, so that it stays.
   */
  corruptStateForTest(): void {
    this.rollback();
    const e = this.sim.exports;
    const rngWord = headerWordNames.indexOf('rng');
    // The present's ring slot is free: the ring holds more ticks than a rollback reaches.
    e.snapshot();
    for (let t = Math.min(this.frontier, this.simTick); t <= this.simTick; t++) {
      if (e.restore(t) !== 1) continue;
      new Int32Array(e.memory.buffer, e.stateArenaPtr(), rngWord + 1)[rngWord]! ^= 0x5a5a5a5a;
      e.snapshot();
    }
  }

  /** Snapshot the present, play tick simTick with the best inputs known, record its checkpoint hash. */
  private step(): void {
    const t = this.simTick;
    const e = this.sim.exports;
    const row = this.row;
    if (t < this.frontier) {
      // A plain loop: a subarray view here would be an allocation per confirmed tick.
      const at = t * this.seats;
      for (let seat = 0; seat < this.seats; seat++) row[seat] = this.log[at + seat]!;
    } else {
      row.set(this.lastConfirmed);
      if (this.localSeat !== null) row[this.localSeat] = this.local[t & this.mask]!;
      this.used.set(row, (t & this.mask) * this.seats);
    }
    e.snapshot();
    for (let seat = 0; seat < this.seats; seat++) e.setInput(seat, row[seat]!);
    e.step();
    this.simTick = t + 1;
    if (this.simTick % this.hashInterval === 0) this.checkpointHash[this.simTick & this.mask] = e.stateHash() >>> 0;
    if (this.simTick === this.nextCheckpoint) this.finalizeCheckpoints();
  }

  /** Checkpoints whose every earlier input is confirmed and was played as confirmed become final. */
  private finalizeCheckpoints(): void {
    const settled = Math.min(this.frontier, this.simTick);
    for (let c = this.nextCheckpoint; c <= settled && (this.mispredictedFrom < 0 || c <= this.mispredictedFrom); c += this.hashInterval) {
      this.confirmedHashes.push({ tick: c, hash: this.checkpointHash[c & this.mask]! });
      this.nextCheckpoint = c + this.hashInterval;
    }
  }

  /** Index of tick t's row in the log, growing it (amortised doubling) when t is new. */
  private logRow(t: number): number {
    const at = t * this.seats;
    if (at + this.seats > this.log.length) {
      const grown = new Int32Array(Math.max(this.log.length * 2, at + this.seats));
      grown.set(this.log);
      this.log = grown;
    }
    return at;
  }
}
