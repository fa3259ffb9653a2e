import type { ArenaState } from '../workloads/ArenaState.ts';
import { arenaProtocol } from '../workloads/arenaProtocol.ts';
import { quantizeQ16 } from '../workloads/quantizeQ16.ts';

/** Feeds the f64 initial state to a Tessera setup/addBody pair in its units (Q16.16, per tick). */
export function loadBodiesIntoTessera(
  initial: ArenaState,
  setup: (n: number, lengthRaw: number, radiusRaw: number) => void,
  addBody: (x: number, y: number, vxPerTick: number, vyPerTick: number) => void,
): void {
  setup(initial.count, quantizeQ16(initial.length), quantizeQ16(initial.radius));
  const perTick = arenaProtocol.tickRate;
  for (let i = 0; i < initial.count; i++) {
    addBody(
      quantizeQ16(initial.x[i]!),
      quantizeQ16(initial.y[i]!),
      quantizeQ16(initial.vx[i]! / perTick),
      quantizeQ16(initial.vy[i]! / perTick),
    );
  }
}
