// A test client's sim: follows what the relay sends one RelayTestClient (Snapshot, Frames) in a
// world of its own, and sends the StateHash of every checkpoint as a real client would — or a
// wrong one, on purpose. The confirmed hashes it saw are what tests compare with the relay's.

import { matchConfigForRoom } from '../../host/MatchConfig.ts';
import type { Sim } from '../../host/Sim.ts';
import type { SimWorld } from '../../host/SimWorld.ts';
import type { MatchSettings, RelayMessage } from '../../protocol/generated/tessera.ts';
import type { RelayTestClient } from './relayTestClient.ts';

type MessageOf<T extends RelayMessage['type']> = Extract<RelayMessage, { type: T }>;

export class SimFollower {
  readonly world: SimWorld;
  /** Sim tick: every confirmed tick before it applied. */
  tick = 0;
  /** Hash at every checkpoint tick reached (tick → hash), from confirmed inputs only. */
  readonly hashes = new Map<number, number>();
  readonly snapshots: MessageOf<'Snapshot'>[] = [];
  /** Checkpoint ticks whose StateHash is sent wrong (the hash with its low bit flipped). */
  readonly lieAt = new Set<number>();
  private read = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: RelayTestClient,
    sim: Sim,
    settings: MatchSettings,
    private readonly started: MessageOf<'MatchStarted'>,
    /** false: follow and hash without telling the relay. */
    private readonly sendHashes = true,
  ) {
    this.world = sim.newWorld();
    this.world.start(matchConfigForRoom(settings, started.seats));
    this.timer = setInterval(() => this.follow(), 4);
  }

  /** Handles every Snapshot and Frames received since the last call. */
  follow(): void {
    const received = this.client.received;
    for (; this.read < received.length; this.read++) {
      const message = received[this.read]!.message;
      if (message.type === 'Snapshot') this.restore(message);
      else if (message.type === 'Frames') this.step(message);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.world.free();
  }

  private restore(snapshot: MessageOf<'Snapshot'>): void {
    this.world.restoreState(snapshot.state);
    if (this.world.hash() !== snapshot.hash) throw new Error(`snapshot at tick ${snapshot.tick} restores to ${this.world.hash()}, not ${snapshot.hash}`);
    this.tick = snapshot.tick;
    this.snapshots.push(snapshot);
  }

  private step(frames: MessageOf<'Frames'>): void {
    // A late joiner sees MatchStarted before its Snapshot; Frames before it (none are sent) would be a bug.
    if (frames.firstTick !== this.tick) throw new Error(`Frames from tick ${frames.firstTick}, but the sim is at tick ${this.tick}`);
    for (const confirmed of frames.ticks) {
      this.world.stepWith(confirmed.inputs);
      this.tick++;
      const interval = this.started.hashInterval;
      if (interval === 0 || this.tick % interval !== 0) continue;
      const hash = this.world.hash();
      this.hashes.set(this.tick, hash);
      if (this.sendHashes) this.client.send({ type: 'StateHash', tick: this.tick, hash: this.lieAt.has(this.tick) ? (hash ^ 1) >>> 0 : hash });
    }
  }
}
