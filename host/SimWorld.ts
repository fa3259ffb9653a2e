// One world inside a Sim's module instance (ARCHITECTURE §8: a relay verifies hundreds of rooms
// with one instance, each room a world of a few kilobytes). World 0 is the Sim's own; more come
// from sim.newWorld(). Every call selects its world first, so handles can be used interleaved.

import { type MatchConfig, validateMatchConfig } from './MatchConfig.ts';
import type { SimExports } from './SimExports.ts';

/** What a world needs from its Sim: the exports, and the one place that switches worlds. */
export interface WorldHost {
  readonly exports: SimExports;
  select(id: number): void;
}

export class SimWorld {
  private freed = false;

  constructor(
    private readonly host: WorldHost,
    /** The world's id in the module instance (0 = the Sim's own). */
    readonly id: number,
  ) {}

  /** A new match in this world; ringSlots 0 when it is never rolled back (the relay's verifiers). */
  start(config: MatchConfig, ringSlots = 0): void {
    validateMatchConfig(config);
    this.use().matchCreate(config.seed >>> 0, config.players, config.botMask, config.matchTicks, config.orbs, ringSlots);
  }

  /** Apply one tick's inputs (one per player slot; missing slots read 0) and advance. */
  stepWith(inputs: ArrayLike<number>): void {
    const e = this.use();
    const players = e.playerCount();
    for (let slot = 0; slot < players; slot++) e.setInput(slot, inputs[slot] ?? 0);
    e.step();
  }

  get tick(): number {
    return this.use().tick();
  }

  hash(): number {
    return this.use().stateHash() >>> 0;
  }

  /** Bytes of the state arena: what copyState returns and a Snapshot carries. */
  get stateBytes(): number {
    return this.use().stateArenaBytes();
  }

  /** Linear memory this world holds (arena, render region, scratch, snapshot ring). */
  get memoryBytes(): number {
    return this.use().worldBytes(this.id);
  }

  /** Put back a state arena taken with copyState from a world of this build started with the same config. */
  restoreState(bytes: Uint8Array): void {
    const e = this.use();
    if (bytes.byteLength !== e.stateArenaBytes()) {
      throw new RangeError(`the state is ${bytes.byteLength} bytes but this match's arena is ${e.stateArenaBytes()}: another build or another match config`);
    }
    new Uint8Array(e.memory.buffer, e.stateArenaPtr(), bytes.byteLength).set(bytes);
  }

  /** A copy of the state arena (for snapshots, saves, diffs and tests; the hot paths never copy). */
  copyState(): Uint8Array {
    const e = this.use();
    return new Uint8Array(e.memory.buffer, e.stateArenaPtr(), e.stateArenaBytes()).slice();
  }

  /** Gives the world's memory back to the instance (for the next world); the handle is dead after. */
  free(): void {
    if (this.id === 0) throw new Error('world 0 is the Sim itself and cannot be freed');
    this.use().worldFree(this.id);
    this.freed = true;
    this.host.select(0);
  }

  /** The exports, with this world selected. */
  private use(): SimExports {
    if (this.freed) throw new Error(`world ${this.id} was freed`);
    this.host.select(this.id);
    return this.host.exports;
  }
}
