/**
 * ARENA.md step 1: x += vx dt, y += vy dt, then clamp to [lo, hi] and reflect the velocity
 * component that points out of the box. Shared by the arena baseline and the move workload.
 */
export function integrateAndBounce(
  x: Float64Array,
  y: Float64Array,
  vx: Float64Array,
  vy: Float64Array,
  count: number,
  lo: number,
  hi: number,
  dt: number,
): void {
  for (let i = 0; i < count; i++) {
    const vxi = vx[i]!;
    const vyi = vy[i]!;
    let px = x[i]! + vxi * dt;
    let py = y[i]! + vyi * dt;
    if (px < lo) {
      px = lo;
      if (vxi < 0) vx[i] = -vxi;
    } else if (px > hi) {
      px = hi;
      if (vxi > 0) vx[i] = -vxi;
    }
    if (py < lo) {
      py = lo;
      if (vyi < 0) vy[i] = -vyi;
    } else if (py > hi) {
      py = hi;
      if (vyi > 0) vy[i] = -vyi;
    }
    x[i] = px;
    y[i] = py;
  }
}
