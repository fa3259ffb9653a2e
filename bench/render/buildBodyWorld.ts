// The render suite's world: a generic engine world (worldCreate, no demo game) holding the
// ARENA.md workload of n bodies — the arena suite's own generator and loader — with every body
// also Renderable, so renderWrite writes its instance matrix.

import { Component, Field, type SimExports } from '../../host/SimExports.ts';
import { LOOK_COLORS } from '../../web/render/palette.ts';
import { loadBodiesIntoTessera } from '../impls/loadBodiesIntoTessera.ts';
import { arenaInitialState } from '../workloads/arenaInitialState.ts';

const ONE = 1 << 16;
const RENDERED_BODY = Component.Position | Component.Velocity | Component.Circle | Component.Renderable;

export interface BodyWorld {
  readonly count: number;
  /** Side of the square world [0, L]², in units (for framing the camera). */
  readonly length: number;
}

/**
 * Creates the world in `e` and spawns n bodies on the ARENA.md jittered grid with its random
 * velocities: unit mass, elastic, radius 1, the cell one diameter and the speed cap one radius as
 * in build/bench.wasm. Prev = current position, since physicsTick does not track it.
 */
export function buildBodyWorld(e: SimExports, n: number): BodyWorld {
  const initial = arenaInitialState(n);
  let radius = ONE;
  let spawned = 0;
  loadBodiesIntoTessera(
    initial,
    (cap, lengthRaw, radiusRaw) => {
      radius = radiusRaw;
      e.worldCreate(cap, 0, 2 * radiusRaw, 0, 0, lengthRaw, lengthRaw, radiusRaw);
    },
    (x, y, vx, vy) => {
      const h = e.spawn(RENDERED_BODY);
      if (h === 0) throw new Error(`world full after ${spawned} of ${n} bodies`);
      e.setField(h, Field.PosX, x);
      e.setField(h, Field.PosY, y);
      e.setField(h, Field.PrevX, x);
      e.setField(h, Field.PrevY, y);
      e.setField(h, Field.VelX, vx);
      e.setField(h, Field.VelY, vy);
      e.setField(h, Field.Radius, radius);
      e.setField(h, Field.InvMass, ONE);
      e.setField(h, Field.Restitution, ONE);
      e.setField(h, Field.Look, spawned % LOOK_COLORS.length);
      spawned++;
    },
  );
  return { count: n, length: initial.length };
}
