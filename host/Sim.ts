// One simulation instance: the wasm module instantiated, its identity (build id), and the few
// operations every host needs. Hosts that need more call `exports` directly.

import { instantiateWasm } from './instantiateWasm.ts';
import type { SimExports } from './SimExports.ts';
import { type MatchConfig, validateMatchConfig } from './MatchConfig.ts';

export class Sim {
  private constructor(
    readonly exports: SimExports,
    /** Identifies the exact sim build: the first 8 bytes of SHA-256 over the wasm, as hex. */
    readonly buildId: string,
    readonly module: WebAssembly.Module,
  ) {}

  /** Instantiate from wasm bytes (the build id is derived from them). */
  static async fromBytes(bytes: Uint8Array<ArrayBuffer>): Promise<Sim> {
    const [{ exports, module }, buildId] = await Promise.all([
      instantiateWasm<SimExports & WebAssembly.Exports>(bytes),
      simBuildId(bytes),
    ]);
    return new Sim(exports, buildId, module);
  }

  /** Another independent instance of the same compiled module (no recompilation). */
  async clone(): Promise<Sim> {
    const { exports } = await instantiateWasm<SimExports & WebAssembly.Exports>(this.module);
    return new Sim(exports, this.buildId, this.module);
  }

  start(config: MatchConfig, ringSlots = 16): void {
    validateMatchConfig(config);
    this.exports.matchCreate(config.seed >>> 0, config.players, config.botMask, config.matchTicks, config.orbs, ringSlots);
  }

  /** Apply one tick's inputs (one per player slot; missing slots read 0) and advance. */
  stepWith(inputs: ArrayLike<number>): void {
    const players = this.exports.playerCount();
    for (let slot = 0; slot < players; slot++) this.exports.setInput(slot, inputs[slot] ?? 0);
    this.exports.step();
  }

  get tick(): number {
    return this.exports.tick();
  }

  hash(): number {
    return this.exports.stateHash() >>> 0;
  }

  /** Put back a state arena taken with copyState from a sim of this build started with the same config. */
  restoreState(bytes: Uint8Array): void {
    const e = this.exports;
    if (bytes.byteLength !== e.stateArenaBytes()) {
      throw new RangeError(`the state is ${bytes.byteLength} bytes but this match's arena is ${e.stateArenaBytes()}: another build or another match config`);
    }
    new Uint8Array(e.memory.buffer, e.stateArenaPtr(), bytes.byteLength).set(bytes);
  }

  /** A copy of the state arena (for saves, diffs and tests; the hot paths never copy). */
  copyState(): Uint8Array {
    const e = this.exports;
    return new Uint8Array(e.memory.buffer, e.stateArenaPtr(), e.stateArenaBytes()).slice();
  }
}

/** SHA-256 of the wasm, first 8 bytes as 16 hex digits: the same in Node and in browsers. */
export async function simBuildId(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}
