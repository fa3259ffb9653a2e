import { instantiateWasm } from '../../host/instantiateWasm.ts';
import { readWasmFile } from '../../host/readWasmFile.ts';
import { BenchError } from '../BenchError.ts';

/**
 * Instantiates build/<file> and checks that it has every export the bench calls, so a module
 * built from an older ABI fails here with the missing names instead of deep inside a run.
 */
export async function loadTesseraWasm<T extends object>(
  file: 'bench.wasm' | 'tessera.wasm',
  requiredExports: readonly (keyof T & string)[],
): Promise<T> {
  const { exports } = await instantiateWasm(await readWasmFile(file));
  const missing = requiredExports.filter((name) => typeof exports[name] !== 'function');
  if (missing.length > 0) {
    const present = Object.keys(exports).join(', ');
    throw new BenchError(
      'wasm-export-missing',
      `build/${file} has no export ${missing.join(', ')} (it exports: ${present}); ` +
        'rebuild with "npm run build:sim" once assembly/ implements the bench ABI',
    );
  }
  return exports as unknown as T;
}
