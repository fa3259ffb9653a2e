import RAPIER, { type ColliderDesc, type RigidBody, type Vector } from '@dimforge/rapier2d-deterministic-compat';
import type { ArenaState } from '../../workloads/ArenaState.ts';
import { arenaProtocol } from '../../workloads/arenaProtocol.ts';
import { fnv1aPositions } from '../../workloads/fnv1aPositions.ts';
import { kineticEnergy } from '../../workloads/kineticEnergy.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';

/** Wall half-thickness: thick enough that no body can tunnel through at these speeds. */
const WALL_HALF_THICKNESS = 2;

/** Elastic, frictionless material; Max/Min combine rules keep every contact at e = 1, mu = 0. */
function withArenaMaterial(desc: ColliderDesc): ColliderDesc {
  return desc
    .setRestitution(arenaProtocol.restitution)
    .setRestitutionCombineRule(RAPIER.CoefficientCombineRule.Max)
    .setFriction(0)
    .setFrictionCombineRule(RAPIER.CoefficientCombineRule.Min);
}

/**
 * The arena workload in Rapier 2D (deterministic build, `rapier2d-deterministic`): no gravity,
 * timestep 1/60, one dynamic body per circle (ball collider r, mass 1, rotation locked since the
 * spec needs none) and four static cuboid walls whose inner faces are the box [0, L]^2. Engine
 * defaults otherwise (solver iterations, sleeping).
 */
export async function createRapierArena(initial: ArenaState): Promise<SteppedSimulation> {
  await RAPIER.init();
  const world = new RAPIER.World({ x: 0, y: 0 });
  world.timestep = arenaProtocol.dt;

  const bodies: RigidBody[] = [];
  for (let i = 0; i < initial.count; i++) {
    const body = world.createRigidBody(
      RAPIER.RigidBodyDesc.dynamic()
        .setTranslation(initial.x[i]!, initial.y[i]!)
        .setLinvel(initial.vx[i]!, initial.vy[i]!)
        .lockRotations(),
    );
    world.createCollider(withArenaMaterial(RAPIER.ColliderDesc.ball(initial.radius).setMass(1)), body);
    bodies.push(body);
  }

  const length = initial.length;
  const half = length / 2;
  const span = half + 2 * WALL_HALF_THICKNESS;
  const walls: ReadonlyArray<readonly [hx: number, hy: number, cx: number, cy: number]> = [
    [WALL_HALF_THICKNESS, span, -WALL_HALF_THICKNESS, half],
    [WALL_HALF_THICKNESS, span, length + WALL_HALF_THICKNESS, half],
    [span, WALL_HALF_THICKNESS, half, -WALL_HALF_THICKNESS],
    [span, WALL_HALF_THICKNESS, half, length + WALL_HALF_THICKNESS],
  ];
  for (const [hx, hy, cx, cy] of walls) {
    world.createCollider(withArenaMaterial(RAPIER.ColliderDesc.cuboid(hx, hy).setTranslation(cx, cy)));
  }

  /** Reads one Vector per body into two arrays, in body order. */
  const readBodies = (read: (body: RigidBody) => Vector): [Float64Array, Float64Array] => {
    const xs = new Float64Array(bodies.length);
    const ys = new Float64Array(bodies.length);
    bodies.forEach((body, i) => {
      const v = read(body);
      xs[i] = v.x;
      ys[i] = v.y;
    });
    return [xs, ys];
  };

  return {
    step: () => world.step(),
    checksum: () => fnv1aPositions(...readBodies((body) => body.translation())),
    kineticEnergy: () => kineticEnergy(...readBodies((body) => body.linvel())),
    dispose: () => world.free(),
  };
}
