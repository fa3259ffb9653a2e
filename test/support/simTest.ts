// Shared helpers for the sim tests: loading the wasm, Q16.16 conversion, seeded integer PRNGs and
// zero-copy views of the state arena and the field arrays.
// Needs build/tessera.wasm (`npm run build:sim`).
import { readFile } from 'node:fs/promises';
import { loadSimNode } from '../../host/loadSimNode.ts';
import { Sim } from '../../host/Sim.ts';
import type { SimExports } from '../../host/SimExports.ts';

export { SimAbortError } from '../../host/instantiateWasm.ts';
export { Field, Component, Phase, BUTTON_DASH } from '../../host/SimExports.ts';
export { packInput } from '../../host/input.ts';
export type { Sim, SimExports };

export const ONE = 65536;

/**
 * The sim from build/tessera.wasm, or from the file named by TESSERA_WASM (to run these tests
 * against another build, e.g. a deliberately broken one when checking that a test can fail).
 */
export async function loadSim(): Promise<Sim> {
  const path = process.env['TESSERA_WASM'];
  return path ? Sim.fromBytes(new Uint8Array(await readFile(path))) : loadSimNode();
}

/** Q16.16 raw value as ARENA.md quantizes it: int32(floor(v · 65536 + 0.5)). */
export function q(v: number): number {
  return Math.floor(v * ONE + 0.5) | 0;
}

/** Raw Q16.16 → number. */
export function f(raw: number): number {
  return raw / ONE;
}

/** Seeded xorshift32: a uint32 per call, the same sequence on every run and host. */
export function xorshift32(seed: number): () => number {
  let s = seed | 0 || 0x1234567;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** Uniform integer in [0, n) from a uint32 generator. */
export function below(next: () => number, n: number): number {
  return Math.floor((next() / 4294967296) * n);
}

export { mulberry32Float as mulberry32 } from '../../host/mulberry32.ts';

/** Live view of the hashed state arena (rebuild after anything that can grow memory). */
export function arenaView(e: SimExports): Uint8Array {
  return new Uint8Array(e.memory.buffer, e.stateArenaPtr(), e.stateArenaBytes());
}

/** Copy of the hashed state arena. */
export function arenaCopy(e: SimExports): Uint8Array {
  return arenaView(e).slice();
}

/** Live view of field `field` for the first `count` slots. */
export function fieldView(e: SimExports, field: number, count: number): Int32Array {
  return new Int32Array(e.memory.buffer, e.fieldPointer(field), count);
}

export function stateHash(e: SimExports): number {
  return e.stateHash() >>> 0;
}

export function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

