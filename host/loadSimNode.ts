// Node hosts (tools, tests, benchmarks, the relay) load the sim from build/.
import { Sim } from './Sim.ts';
import { readWasmFile } from './readWasmFile.ts';

export async function loadSimNode(): Promise<Sim> {
  return Sim.fromBytes(await readWasmFile('tessera.wasm'));
}
