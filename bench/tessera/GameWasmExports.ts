/** The part of build/tessera.wasm's ABI the rollback suite drives. */
export interface GameWasmExports {
  matchCreate(seed: number, players: number, botMask: number, matchTicks: number, orbs: number, ringSlots: number): void;
  step(): void;
  tick(): number;
  /** Stores the current state in ring slot tick % ringSlots. */
  snapshot(): void;
  /** Returns 1 on success. */
  restore(tick: number): number;
  /** u32; arrives as a signed i32 (use >>> 0). */
  stateHash(): number;
}

export const gameWasmExportNames: readonly (keyof GameWasmExports)[] = [
  'matchCreate',
  'step',
  'tick',
  'snapshot',
  'restore',
  'stateHash',
];
