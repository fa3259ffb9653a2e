import type { ArenaState } from '../../workloads/ArenaState.ts';
import { arenaExportNames, type BenchWasmExports } from '../../tessera/BenchWasmExports.ts';
import { loadTesseraWasm } from '../../tessera/loadTesseraWasm.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';
import { loadBodiesIntoTessera } from '../loadBodiesIntoTessera.ts';

/** The arena workload in Tessera's fixed-point physics (build/bench.wasm), one arenaStep(1) per tick. */
export async function createTesseraArena(initial: ArenaState): Promise<SteppedSimulation> {
  const wasm = await loadTesseraWasm<BenchWasmExports>('bench.wasm', arenaExportNames);
  loadBodiesIntoTessera(initial, wasm.arenaSetup, wasm.arenaAddBody);
  return {
    step: () => wasm.arenaStep(1),
    checksum: () => wasm.arenaChecksum() >>> 0,
    kineticEnergy: () => Number(wasm.arenaKineticEnergy()),
  };
}
