import type { SimExports } from '../../host/SimExports.ts';

/** The part of build/tessera.wasm's ABI (host/SimExports.ts) the rollback suite drives. */
export type GameWasmExports = Pick<SimExports, 'matchCreate' | 'step' | 'tick' | 'snapshot' | 'restore' | 'stateHash'>;

export const gameWasmExportNames: readonly (keyof GameWasmExports)[] = [
  'matchCreate',
  'step',
  'tick',
  'snapshot',
  'restore',
  'stateHash',
];
