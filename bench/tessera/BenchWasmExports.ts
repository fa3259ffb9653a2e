/**
 * ABI of build/bench.wasm (assembly/bench.ts). All numbers are i32 unless noted. Positions are
 * Q16.16 raw (quantizeQ16), velocities Q16.16 units per tick (quantizeQ16(v / tickRate)).
 */
export interface BenchWasmExports {
  /** New arena world: box [0, L], capacity n. */
  arenaSetup(n: number, lengthRaw: number, radiusRaw: number): void;
  /** Called n times, in body order. */
  arenaAddBody(x: number, y: number, vxPerTick: number, vyPerTick: number): void;
  arenaStep(steps: number): void;
  /** u32 FNV-1a per ARENA.md over raw x, y; arrives as a signed i32 (use >>> 0). */
  arenaChecksum(): number;
  /** i64 sum of vx^2 + vy^2 in raw per-tick units. */
  arenaKineticEnergy(): bigint;
  /** The move workload (integrate + wall bounce) through Tessera's ECS. */
  moveSetup(n: number, lengthRaw: number, radiusRaw: number): void;
  moveAddBody(x: number, y: number, vxPerTick: number, vyPerTick: number): void;
  moveStep(steps: number): void;
  moveChecksum(): number;
}

/** Exports each suite calls; a module is checked only for the suite it runs. */
export const arenaExportNames: readonly (keyof BenchWasmExports)[] = [
  'arenaSetup',
  'arenaAddBody',
  'arenaStep',
  'arenaChecksum',
  'arenaKineticEnergy',
];

export const moveExportNames: readonly (keyof BenchWasmExports)[] = ['moveSetup', 'moveAddBody', 'moveStep', 'moveChecksum'];
