import type { ArenaState } from '../../workloads/ArenaState.ts';
import { arenaProtocol } from '../../workloads/arenaProtocol.ts';
import { fnv1aPositions } from '../../workloads/fnv1aPositions.ts';
import { kineticEnergy } from '../../workloads/kineticEnergy.ts';
import type { SteppedSimulation } from '../SteppedSimulation.ts';
import { integrateAndBounce } from '../integrateAndBounce.ts';

/** Plain-JS baseline of the move workload (`js-loop`): one Float64Array loop of step 1 per tick. */
export class JsLoopMove implements SteppedSimulation {
  private readonly count: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly vx: Float64Array;
  private readonly vy: Float64Array;
  private readonly lo: number;
  private readonly hi: number;

  constructor(initial: ArenaState) {
    this.count = initial.count;
    this.x = initial.x.slice();
    this.y = initial.y.slice();
    this.vx = initial.vx.slice();
    this.vy = initial.vy.slice();
    this.lo = initial.radius;
    this.hi = initial.length - initial.radius;
  }

  step(): void {
    integrateAndBounce(this.x, this.y, this.vx, this.vy, this.count, this.lo, this.hi, arenaProtocol.dt);
  }

  checksum(): number {
    return fnv1aPositions(this.x, this.y, this.count);
  }

  kineticEnergy(): number {
    return kineticEnergy(this.vx, this.vy, this.count);
  }
}
