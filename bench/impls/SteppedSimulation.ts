/** A world built from the arena/move initial state that advances one tick per step(). */
export interface SteppedSimulation {
  step(): void;
  /** ARENA.md checksum (FNV-1a of Q16.16 positions in body order), unsigned 32-bit. */
  checksum(): number;
  /** Total kinetic energy in the simulation's own units; only ratios are reported. */
  kineticEnergy(): number;
  /** Releases native/wasm memory, if the simulation holds any. */
  dispose?(): void;
}
