/** Body state of the arena/move workloads in structure-of-arrays form, f64, units u and u/s. */
export interface ArenaState {
  readonly count: number;
  /** Box side L; the box is [0, L] x [0, L]. */
  readonly length: number;
  readonly radius: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
}
