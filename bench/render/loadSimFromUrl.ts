import { Sim } from '../../host/Sim.ts';

/** build/tessera.wasm, fetched (the dev server serves the project root) and instantiated. */
export async function loadSimFromUrl(url: string): Promise<Sim> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} (run npm run build:sim)`);
  return Sim.fromBytes(new Uint8Array(await response.arrayBuffer()));
}

/** Where the pages find the wasm: build/ under the project root. */
export const wasmUrl = (): string => new URL('../../build/tessera.wasm', import.meta.url).href;
