// One simulation instance: the wasm module instantiated, its identity (build id), and the few
// operations every host needs, on world 0. More worlds in the same instance: newWorld().
// Hosts that need more call `exports` directly.

import { instantiateWasm } from './instantiateWasm.ts';
import type { SimExports } from './SimExports.ts';
import type { MatchConfig } from './MatchConfig.ts';
import { SimWorld, type WorldHost } from './SimWorld.ts';

export class Sim implements WorldHost {
  /** World 0, the one `start`, `stepWith`, `hash`… act on. */
  private readonly main: SimWorld;
  /** Mirrors the instance's selected world, so a handle switches only when it has to. */
  private selected = 0;

  private constructor(
    /** Raw exports: they act on the selected world (world 0 unless newWorld handles are in use). */
    readonly exports: SimExports,
    /** Identifies the exact sim build: the first 8 bytes of SHA-256 over the wasm, as hex. */
    readonly buildId: string,
    readonly module: WebAssembly.Module,
  ) {
    this.main = new SimWorld(this, 0);
  }

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

  /** Another world in this instance: kilobytes instead of a whole instance (the relay's verifiers). */
  newWorld(): SimWorld {
    return new SimWorld(this, this.exports.worldNew());
  }

  /** Makes world `id` the one the exports act on (SimWorld calls it). */
  select(id: number): void {
    if (this.selected === id) return;
    this.exports.worldSelect(id);
    this.selected = id;
  }

  start(config: MatchConfig, ringSlots = 16): void {
    this.main.start(config, ringSlots);
  }

  /** Apply one tick's inputs (one per player slot; missing slots read 0) and advance. */
  stepWith(inputs: ArrayLike<number>): void {
    this.main.stepWith(inputs);
  }

  get tick(): number {
    return this.main.tick;
  }

  hash(): number {
    return this.main.hash();
  }

  /** Put back a state arena taken with copyState from a sim of this build started with the same config. */
  restoreState(bytes: Uint8Array): void {
    this.main.restoreState(bytes);
  }

  /** A copy of the state arena (for saves, diffs and tests; the hot paths never copy). */
  copyState(): Uint8Array {
    return this.main.copyState();
  }

  /** State arena bytes of a match with this config, without starting one (the relay's size limit). */
  arenaBytesFor(config: MatchConfig): number {
    return this.exports.matchArenaBytes(config.players, config.orbs);
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
