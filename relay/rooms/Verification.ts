// The relay's own sim (ARCHITECTURE §4, "Verification"): one wasm instance whose worlds replay each
// running room's confirmed inputs. It decides which build rooms may run, which match settings a
// room may have (what the sim accepts, small enough to snapshot), and opens a room's verifier.

import { type MatchConfig, validateMatchConfig } from '../../host/MatchConfig.ts';
import type { Sim } from '../../host/Sim.ts';
import { RoomError, maxSnapshotBytes } from '../../protocol/generated/tessera.ts';
import { RoomRefusal } from './RoomRefusal.ts';
import { RoomVerifier } from './RoomVerifier.ts';

export class Verification {
  constructor(
    private readonly sim: Sim,
    /** Clients hash every this many ticks (MatchStarted.hashInterval). */
    readonly hashInterval: number,
  ) {}

  /** The build every room on this relay must run. */
  get simBuild(): string {
    return this.sim.buildId;
  }

  /** A client of another build would desync at the first tick: refuse it with what to do. */
  checkBuild(simBuild: string): void {
    if (simBuild === this.sim.buildId) return;
    throw new RoomRefusal(
      RoomError.buildMismatch,
      `this relay runs sim build ${this.sim.buildId} and your game is build ${simBuild.slice(0, 64)}: reload the page to get the current version`,
    );
  }

  /** The sim's own limits, and a state small enough for one Snapshot. */
  checkMatch(config: MatchConfig): void {
    checkMatchConfig(config);
    const bytes = this.sim.arenaBytesFor(config);
    if (bytes > maxSnapshotBytes) {
      throw new RoomRefusal(RoomError.invalidRequest, `a match with ${config.orbs} orbs has a ${bytes}-byte state, over the ${maxSnapshotBytes} bytes a snapshot carries: use fewer orbs`);
    }
  }

  /** A verifier world for a room's match, at tick 0. */
  open(config: MatchConfig): RoomVerifier {
    const world = this.sim.newWorld();
    world.start(config);
    return new RoomVerifier(world, this.hashInterval);
  }
}

/** validateMatchConfig's refusal as a room refusal (a client's bad request, not a relay fault). */
export function checkMatchConfig(config: MatchConfig): void {
  try {
    validateMatchConfig(config);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RoomRefusal(RoomError.invalidRequest, `match settings refused: ${error.message}`);
  }
}
