import type { ArenaState } from './ArenaState.ts';
import { arenaBoxLength, arenaProtocol } from './arenaProtocol.ts';
import { mulberry32Float as mulberry32 } from '../../host/mulberry32.ts';

/** The ARENA.md initial state: a jittered grid of N bodies with random velocities in [-5, 5) u/s. */
export function arenaInitialState(count: number): ArenaState {
  const radius = arenaProtocol.radius;
  const length = arenaBoxLength(count, radius);
  const cols = Math.ceil(Math.sqrt(count));
  const cell = length / cols;
  const jitter = 0.45 * (cell - 2 * radius);
  const random = mulberry32(arenaProtocol.seed);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const vx = new Float64Array(count);
  const vy = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    // Four draws per body, in this order.
    const jx = random();
    const jy = random();
    const ux = random();
    const uy = random();
    x[i] = (col + 0.5) * cell + (2 * jx - 1) * jitter;
    y[i] = (row + 0.5) * cell + (2 * jy - 1) * jitter;
    vx[i] = -5 + 10 * ux;
    vy[i] = -5 + 10 * uy;
  }
  return { count, length, radius, x, y, vx, vy };
}
