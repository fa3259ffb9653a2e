/** What an implementation reports for one timed run, before per-unit metrics are derived. */
export interface RunOutcome {
  /** Wall-clock nanoseconds around the timed loop only. */
  readonly elapsedNs: number;
  /** Iterations of the timed loop: steps for per-body suites, operations for per-op suites. */
  readonly iterations: number;
  /** Simulation ticks advanced per iteration (1 per step, 8 per restore+8ticks, 0 per snapshot). */
  readonly ticksPerIteration: number;
  /** Unsigned 32-bit state hash after the run. */
  readonly checksum: number;
  /** Kinetic energy after the run / at t = 0, where the suite reports it. */
  readonly keRatio?: number;
}
