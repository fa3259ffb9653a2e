import type { ArenaState } from '../../workloads/ArenaState.ts';
import { arenaProtocol } from '../../workloads/arenaProtocol.ts';
import { fnv1aPositions } from '../../workloads/fnv1aPositions.ts';
import { kineticEnergy } from '../../workloads/kineticEnergy.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';
import { integrateAndBounce } from '../integrateAndBounce.ts';

/**
 * Plain-JS f64 reference of the arena workload (`js-soa-grid`), written to ARENA.md's algorithm
 * operation for operation so it reproduces the published checksums: structure-of-arrays bodies,
 * a uniform grid of cell size 2r rebuilt every step by a stable counting sort, and one in-place
 * (Gauss-Seidel) pass over the pairs of each cell and its forward neighbours.
 */
export class JsSoaGridArena implements SteppedSimulation {
  private readonly count: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly vx: Float64Array;
  private readonly vy: Float64Array;
  private readonly lo: number;
  private readonly hi: number;
  private readonly diameter: number;
  private readonly gridWidth: number;
  /** cellStart[c] .. cellStart[c + 1] is cell c's slice of `sortedBodies`. */
  private readonly cellStart: Int32Array;
  private readonly cellCursor: Int32Array;
  private readonly cellOfBody: Int32Array;
  private readonly sortedBodies: Int32Array;
  /** Candidate slot ranges [from, to) x 5 of the body being resolved. */
  private readonly ranges = new Int32Array(10);

  constructor(initial: ArenaState) {
    this.count = initial.count;
    this.x = initial.x.slice();
    this.y = initial.y.slice();
    this.vx = initial.vx.slice();
    this.vy = initial.vy.slice();
    this.lo = initial.radius;
    this.hi = initial.length - initial.radius;
    this.diameter = 2 * initial.radius;
    this.gridWidth = Math.ceil(initial.length / this.diameter);
    const cells = this.gridWidth * this.gridWidth;
    this.cellStart = new Int32Array(cells + 1);
    this.cellCursor = new Int32Array(cells);
    this.cellOfBody = new Int32Array(this.count);
    this.sortedBodies = new Int32Array(this.count);
  }

  step(): void {
    integrateAndBounce(this.x, this.y, this.vx, this.vy, this.count, this.lo, this.hi, arenaProtocol.dt);
    this.sortIntoGrid();
    this.resolveContacts();
  }

  checksum(): number {
    return fnv1aPositions(this.x, this.y, this.count);
  }

  kineticEnergy(): number {
    return kineticEnergy(this.vx, this.vy, this.count);
  }

  private sortIntoGrid(): void {
    const { x, y, count, diameter, gridWidth, cellStart, cellCursor, cellOfBody, sortedBodies } = this;
    const last = gridWidth - 1;
    cellStart.fill(0);
    for (let i = 0; i < count; i++) {
      const cx = Math.min(Math.max(Math.floor(x[i]! / diameter), 0), last);
      const cy = Math.min(Math.max(Math.floor(y[i]! / diameter), 0), last);
      const cell = cx + gridWidth * cy;
      cellOfBody[i] = cell;
      cellStart[cell + 1]!++;
    }
    const cells = cellCursor.length;
    for (let c = 0; c < cells; c++) {
      cellStart[c + 1]! += cellStart[c]!;
      cellCursor[c] = cellStart[c]!;
    }
    // Bodies in index order, so each cell keeps body index order (stable sort).
    for (let i = 0; i < count; i++) sortedBodies[cellCursor[cellOfBody[i]!]!++] = i;
  }

  private resolveContacts(): void {
    const { count, gridWidth, cellStart, cellOfBody, sortedBodies, ranges } = this;
    const topRowStart = cellStart.length - 1 - gridWidth;
    // sortedBodies is in row-major cell order, so walking it visits the non-empty cells in the
    // reference order without scanning the empty ones.
    for (let slot = 0; slot < count; slot++) {
      const i = sortedBodies[slot]!;
      const cell = cellOfBody[i]!;
      const cx = cell % gridWidth;
      const hasRight = cx + 1 < gridWidth;
      const hasRowAbove = cell < topRowStart;
      // Candidate slot ranges, in reference order: later bodies of the cell, then the cells
      // (+1,0), (-1,+1), (0,+1), (+1,+1). Missing neighbours get empty ranges.
      ranges[0] = slot + 1;
      ranges[1] = cellStart[cell + 1]!;
      this.setCellRange(1, hasRight, cell + 1);
      this.setCellRange(2, hasRowAbove && cx > 0, cell + gridWidth - 1);
      this.setCellRange(3, hasRowAbove, cell + gridWidth);
      this.setCellRange(4, hasRowAbove && hasRight, cell + gridWidth + 1);
      this.collideWithRanges(i);
    }
  }

  private setCellRange(k: number, exists: boolean, cell: number): void {
    const { ranges, cellStart } = this;
    if (exists) {
      ranges[2 * k] = cellStart[cell]!;
      ranges[2 * k + 1] = cellStart[cell + 1]!;
    } else {
      ranges[2 * k] = 0;
      ranges[2 * k + 1] = 0;
    }
  }

  /**
   * Resolves body i against the candidates in `ranges`, in order. Body i's state stays in locals
   * and is written back at the end: j is never i, so this is the same arithmetic as in-place updates.
   */
  private collideWithRanges(i: number): void {
    const { x, y, vx, vy, diameter, sortedBodies, ranges } = this;
    const diameterSq = diameter * diameter;
    let xi = x[i]!;
    let yi = y[i]!;
    let vxi = vx[i]!;
    let vyi = vy[i]!;
    for (let k = 0; k < 10; k += 2) {
      const to = ranges[k + 1]!;
      for (let slot = ranges[k]!; slot < to; slot++) {
        const j = sortedBodies[slot]!;
        const dx = x[j]! - xi;
        const dy = y[j]! - yi;
        const distSq = dx * dx + dy * dy;
        // Cheap reject first; the exact test is on d itself, as in the reference.
        if (distSq >= diameterSq) continue;
        const d = Math.sqrt(distSq);
        if (!(d > 0 && d < diameter)) continue;
        const nx = dx / d;
        const ny = dy / d;
        const h = (diameter - d) / 2;
        xi -= nx * h;
        yi -= ny * h;
        x[j] = x[j]! + nx * h;
        y[j] = y[j]! + ny * h;
        const vn = (vx[j]! - vxi) * nx + (vy[j]! - vyi) * ny;
        if (vn < 0) {
          const impulse = (-(1 + arenaProtocol.restitution) * vn) / 2;
          vxi -= impulse * nx;
          vyi -= impulse * ny;
          vx[j] = vx[j]! + impulse * nx;
          vy[j] = vy[j]! + impulse * ny;
        }
      }
    }
    x[i] = xi;
    y[i] = yi;
    vx[i] = vxi;
    vy[i] = vyi;
  }
}
