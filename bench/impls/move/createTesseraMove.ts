import type { ArenaState } from '../../workloads/ArenaState.ts';
import { moveExportNames, type BenchWasmExports } from '../../tessera/BenchWasmExports.ts';
import { loadTesseraWasm } from '../../tessera/loadTesseraWasm.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';
import { loadBodiesIntoTessera } from '../loadBodiesIntoTessera.ts';

/** The move workload through Tessera's ECS (build/bench.wasm), one moveStep(1) per tick. */
export async function createTesseraMove(initial: ArenaState): Promise<SteppedSimulation> {
  const wasm = await loadTesseraWasm<BenchWasmExports>('bench.wasm', moveExportNames);
  loadBodiesIntoTessera(initial, wasm.moveSetup, wasm.moveAddBody);
  return {
    step: () => wasm.moveStep(1),
    checksum: () => wasm.moveChecksum() >>> 0,
    // The move suite reports no energy ratio; the ABI has no move-side energy export.
    kineticEnergy: () => Number.NaN,
  };
}
