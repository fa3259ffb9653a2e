// Fetch a Tessera wasm over HTTP and instantiate it: the browser counterpart of loadSimNode, for
// the game engine, the test harness and the render benchmark alike.

import { Sim } from './Sim.ts';

export async function loadSimFromUrl(url: string | URL): Promise<Sim> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the simulation from ${url}: HTTP ${response.status} (was it built? npm run build:sim)`);
  return Sim.fromBytes(new Uint8Array(await response.arrayBuffer()));
}
