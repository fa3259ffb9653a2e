import { addComponent, addEntity, createWorld, deleteWorld, query, type World } from 'bitecs';
import type { ArenaState } from '../../workloads/ArenaState.ts';
import { arenaProtocol } from '../../workloads/arenaProtocol.ts';
import { fnv1aPositions } from '../../workloads/fnv1aPositions.ts';
import { kineticEnergy } from '../../workloads/kineticEnergy.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';

/** Structure-of-arrays component: one Float64Array per field, indexed by entity id. */
interface Vector2Component {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

interface MoveContext {
  readonly dt: number;
  readonly lo: number;
  readonly hi: number;
}

function createVector2Component(capacity: number): Vector2Component {
  return { x: new Float64Array(capacity), y: new Float64Array(capacity) };
}

/** Movement system: step 1 of ARENA.md (integrate, clamp to the box, reflect) over a query. */
function moveSystem(world: World<MoveContext>, position: Vector2Component, velocity: Vector2Component): void {
  const { dt, lo, hi } = world;
  const px = position.x;
  const py = position.y;
  const vx = velocity.x;
  const vy = velocity.y;
  const entities = query(world, [position, velocity]);
  for (let k = 0; k < entities.length; k++) {
    const eid = entities[k]!;
    const vxe = vx[eid]!;
    const vye = vy[eid]!;
    let x = px[eid]! + vxe * dt;
    let y = py[eid]! + vye * dt;
    if (x < lo) {
      x = lo;
      if (vxe < 0) vx[eid] = -vxe;
    } else if (x > hi) {
      x = hi;
      if (vxe > 0) vx[eid] = -vxe;
    }
    if (y < lo) {
      y = lo;
      if (vye < 0) vy[eid] = -vye;
    } else if (y > hi) {
      y = hi;
      if (vye > 0) vy[eid] = -vye;
    }
    px[eid] = x;
    py[eid] = y;
  }
}

/**
 * The move workload in bitECS 0.4 (`bitecs`): a world whose context carries dt and the box, one
 * entity per body with Position and Velocity components, and a movement system run once per tick.
 */
export class BitecsMove implements SteppedSimulation {
  private readonly world: World<MoveContext>;
  private readonly position: Vector2Component;
  private readonly velocity: Vector2Component;
  /** Entity ids in body order (bitECS ids start at 1), for the checksum. */
  private readonly entities: Uint32Array;

  constructor(initial: ArenaState) {
    this.world = createWorld<MoveContext>({
      dt: arenaProtocol.dt,
      lo: initial.radius,
      hi: initial.length - initial.radius,
    });
    const capacity = initial.count + 1;
    this.position = createVector2Component(capacity);
    this.velocity = createVector2Component(capacity);
    this.entities = new Uint32Array(initial.count);
    for (let i = 0; i < initial.count; i++) {
      const eid = addEntity(this.world);
      if (eid >= capacity) throw new Error(`bitECS entity id ${eid} exceeds component capacity ${capacity}`);
      addComponent(this.world, eid, this.position);
      addComponent(this.world, eid, this.velocity);
      this.position.x[eid] = initial.x[i]!;
      this.position.y[eid] = initial.y[i]!;
      this.velocity.x[eid] = initial.vx[i]!;
      this.velocity.y[eid] = initial.vy[i]!;
      this.entities[i] = eid;
    }
  }

  step(): void {
    moveSystem(this.world, this.position, this.velocity);
  }

  checksum(): number {
    return fnv1aPositions(this.gather(this.position.x), this.gather(this.position.y));
  }

  kineticEnergy(): number {
    return kineticEnergy(this.gather(this.velocity.x), this.gather(this.velocity.y));
  }

  dispose(): void {
    deleteWorld(this.world);
  }

  /** A component field in body order. */
  private gather(field: Float64Array): Float64Array {
    const out = new Float64Array(this.entities.length);
    for (let i = 0; i < out.length; i++) out[i] = field[this.entities[i]!]!;
    return out;
  }
}
