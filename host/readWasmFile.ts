// Node-only: read a built wasm from build/ (the browser fetches it through the asset manifest instead).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const buildDir = fileURLToPath(new URL('../build/', import.meta.url));

export async function readWasmFile(name: 'tessera.wasm' | 'bench.wasm'): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await readFile(buildDir + name));
  } catch (err) {
    throw new Error(`build/${name} is missing: run "npm run build:sim" first (${(err as Error).message})`);
  }
}
