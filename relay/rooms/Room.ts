// One room: its seats and spectators, its owner, its phase, and once running its input timeline and
// (with verification on) its verifier. Lifecycle messages go to every member, each broadcast encoded
// once and framed per connection. The owner is the player who has been in the room longest, so
// ownership passes on by itself. A player whose connection drops mid-match keeps its seat for the
// reconnect grace (the RoomService holds it); its seat sends 0 meanwhile.

import { hex32 } from '../../host/Sim.ts';
import { matchConfigForRoom } from '../../host/MatchConfig.ts';
import {
  type Frames,
  type Input,
  type MatchSettings,
  type Member,
  MessageType,
  type RelayMessage,
  Role,
  RoomError,
  RoomPhase,
  SnapshotReason,
  type StateHash,
  encodePayload,
  spectatorSeat,
} from '../../protocol/generated/tessera.ts';
import type { RelayStats } from '../stats.ts';
import { InputTimeline, type TimelineListener, type TimelineStats } from './InputTimeline.ts';
import type { RoomMember } from './RoomMember.ts';
import { RoomRefusal } from './RoomRefusal.ts';
import type { RoomServiceOptions } from './RoomService.ts';
import type { RoomVerifier } from './RoomVerifier.ts';
import type { Verification } from './Verification.ts';

export interface RoomSetup {
  code: string;
  simBuild: string;
  maxPlayers: number;
  autoStart: boolean;
  settings: MatchSettings;
}

export type RoomStats = TimelineStats &
  Pick<RelayStats, 'stateHashesMatched' | 'desyncs' | 'stateHashesIgnored' | 'resyncs' | 'lateJoinSnapshots' | 'reconnects'>;

/** A StateHash that differed from the relay's: what the relay logs and the admin endpoint lists. */
export interface DesyncEvent {
  room: string;
  tick: number;
  seat: number;
  playerId: string;
  clientHash: string;
  relayHash: string;
}

/** Desyncs a room keeps for the admin endpoint (the log has them all). */
const MAX_RECORDED_DESYNCS = 100;

/** A member's place in a room. */
export interface Occupant {
  /** The connection; a player back within the reconnect grace comes with a new one. */
  member: RoomMember;
  readonly room: Room;
  readonly role: Role;
  /** 0..maxPlayers-1, or spectatorSeat. */
  readonly seat: number;
  ready: boolean;
  /** False while the seat is held for a reconnect. */
  connected: boolean;
  /** StateHashes for earlier ticks predate the last Snapshot this member got: stale, not compared. */
  hashesFrom: number;
}

export class Room implements TimelineListener {
  readonly code: string;
  readonly simBuild: string;
  readonly maxPlayers: number;
  private readonly autoStart: boolean;
  private readonly settings: MatchSettings;
  /** Everyone in the room, in the order they came in. */
  private readonly occupants: Occupant[] = [];
  private readonly seats: (Occupant | undefined)[];
  private spectatorCount = 0;
  private timeline: InputTimeline | undefined;
  private verifier: RoomVerifier | undefined;
  /** Relay clock reading at which tick 0 is due (MatchStarted.startRelayTime). */
  private startAt = 0;
  private readonly desyncs: DesyncEvent[] = [];

  constructor(
    setup: RoomSetup,
    private readonly options: RoomServiceOptions,
    private readonly stats: RoomStats,
    private readonly verification: Verification | null = null,
    private readonly onDesync: (event: DesyncEvent) => void = () => {},
  ) {
    this.code = setup.code;
    this.simBuild = setup.simBuild;
    this.maxPlayers = setup.maxPlayers;
    this.autoStart = setup.autoStart;
    this.settings = setup.settings;
    this.seats = new Array<Occupant | undefined>(setup.maxPlayers).fill(undefined);
  }

  get phase(): RoomPhase {
    return this.timeline === undefined ? RoomPhase.lobby : RoomPhase.running;
  }

  get playerCount(): number {
    return this.occupants.length - this.spectatorCount;
  }

  get members(): readonly Occupant[] {
    return this.occupants;
  }

  /** Linear memory of the verifier world (0 without one). */
  get verifierBytes(): number {
    return this.verifier?.memoryBytes ?? 0;
  }

  /**
   * Seats `member` (the lowest free seat) or adds it as a spectator, answers RoomJoined, tells the
   * others, and starts an autoStart room that is now full. A member joining a running match gets
   * MatchStarted and the confirmed state (Snapshot) and is not waited for until its inputs arrive.
   */
  admit(member: RoomMember, role: Role, simBuild: string, now: number): Occupant {
    if (simBuild !== this.simBuild) {
      throw new RoomRefusal(RoomError.buildMismatch, `room ${this.code} runs sim build ${this.simBuild}, yours is ${simBuild}: update the game to join`);
    }
    let seat = spectatorSeat;
    if (role === Role.player) {
      seat = this.seats.indexOf(undefined);
      if (seat < 0) throw new RoomRefusal(RoomError.full, `all ${this.maxPlayers} seats of room ${this.code} are taken`);
    } else if (this.spectatorCount >= this.options.maxSpectators) {
      throw new RoomRefusal(RoomError.full, `room ${this.code} has its ${this.options.maxSpectators} spectators already`);
    }
    const occupant: Occupant = { member, room: this, role, seat, ready: false, connected: true, hashesFrom: 0 };
    this.occupants.push(occupant);
    if (role === Role.player) {
      this.seats[seat] = occupant;
      this.timeline?.join(seat);
    } else {
      this.spectatorCount++;
    }
    this.sendJoined(occupant);
    this.broadcast({ type: 'MemberJoined', member: memberInfo(occupant) }, occupant);
    if (this.phase === RoomPhase.running) this.catchUp(occupant, SnapshotReason.lateJoin);
    else if (this.autoStart && this.playerCount === this.maxPlayers) this.begin(now);
    return occupant;
  }

  /** A held seat's player is back (new connection): same seat, the match's state, waited for once its inputs arrive. */
  reclaim(occupant: Occupant, member: RoomMember): void {
    occupant.member = member;
    occupant.connected = true;
    this.timeline?.join(occupant.seat);
    this.sendJoined(occupant);
    this.broadcast({ type: 'MemberUpdated', member: memberInfo(occupant) }, occupant);
    this.stats.reconnects++;
    this.catchUp(occupant, SnapshotReason.reconnect);
  }

  /** The player's connection dropped mid-match: its seat sends 0 and is not waited for until it is back. */
  hold(occupant: Occupant): void {
    occupant.connected = false;
    this.timeline?.vacate(occupant.seat);
    this.broadcast({ type: 'MemberUpdated', member: memberInfo(occupant) }, occupant);
  }

  /**
   * Removes the occupant; the others learn of it (and of the owner after it) unless no player is
   * left, in which case the room is closing. A seat vacated mid-match sends 0 from the frontier on.
   */
  leave(occupant: Occupant): void {
    this.occupants.splice(this.occupants.indexOf(occupant), 1);
    if (occupant.role === Role.player) {
      this.seats[occupant.seat] = undefined;
      this.timeline?.vacate(occupant.seat);
    } else {
      this.spectatorCount--;
    }
    if (this.playerCount === 0) return;
    this.broadcast({ type: 'MemberLeft', playerId: occupant.member.playerId, seat: occupant.seat, owner: this.owner().member.playerId });
  }

  /** SetReady: a player in the lobby says it is ready (or not); everyone sees it. */
  setReady(from: Occupant, ready: boolean): void {
    if (from.role === Role.spectator) throw new RoomRefusal(RoomError.spectator, `spectators do not play, so they are never ready`);
    if (this.phase === RoomPhase.running) throw new RoomRefusal(RoomError.matchRunning, `the match in room ${this.code} is already running`);
    if (from.ready === ready) return;
    from.ready = ready;
    this.memberUpdated(from);
  }

  /** StartMatch: the owner starts the match before every seat is taken, once the others are ready. */
  start(by: Occupant, now: number): void {
    if (this.phase === RoomPhase.running) throw new RoomRefusal(RoomError.matchRunning, `the match in room ${this.code} is already running`);
    if (by !== this.owner()) throw new RoomRefusal(RoomError.notOwner, `only the room's owner can start the match`);
    const waiting = this.occupants.filter((occupant) => occupant.role === Role.player && occupant !== by && !occupant.ready);
    if (waiting.length > 0) {
      const names = waiting.map((occupant) => occupant.member.name).join(', ');
      throw new RoomRefusal(RoomError.notReady, `not everyone is ready: waiting for ${names}`.slice(0, 200));
    }
    this.begin(now);
  }

  input(from: Occupant, message: Input, now: number): void {
    if (from.role === Role.spectator) throw new RoomRefusal(RoomError.spectator, `spectators cannot send input`);
    if (this.timeline === undefined) throw new RoomRefusal(RoomError.notRunning, `the match in room ${this.code} has not started: no input is taken yet`);
    this.timeline.receive(from.seat, message.tick, message.input, message.clientTime, now);
  }

  /**
   * A member's hash of its state at a checkpoint tick: equal, or a desync (logged, and the member
   * gets the relay's state). Hashes that cannot be compared are counted and dropped.
   */
  stateHash(from: Occupant, message: StateHash): void {
    const relayHash = this.verifier === undefined || message.tick < from.hashesFrom ? -1 : this.verifier.hashAt(message.tick);
    if (relayHash < 0) {
      this.stats.stateHashesIgnored++;
      return;
    }
    const clientHash = message.hash >>> 0;
    if (clientHash === relayHash) {
      this.stats.stateHashesMatched++;
      return;
    }
    this.stats.desyncs++;
    const event: DesyncEvent = {
      room: this.code,
      tick: message.tick,
      seat: from.seat,
      playerId: from.member.playerId,
      clientHash: hex32(clientHash),
      relayHash: hex32(relayHash),
    };
    if (this.desyncs.length === MAX_RECORDED_DESYNCS) this.desyncs.shift();
    this.desyncs.push(event);
    this.onDesync(event);
    this.stats.resyncs++;
    this.sendSnapshot(from, SnapshotReason.desync, { tick: message.tick, clientHash, relayHash });
  }

  /** Confirms the ticks whose deadline has passed (the RoomService calls it from its timer). */
  sweep(now: number): void {
    this.timeline?.confirmDue(now);
  }

  /** Tells everyone still inside that the room is gone, and gives its verifier world back. */
  close(): void {
    this.broadcast({ type: 'RoomLeft', code: this.code });
    this.verifier?.free();
    this.verifier = undefined;
  }

  /** A member's ready, connected or ping changed. */
  memberUpdated(occupant: Occupant): void {
    this.broadcast({ type: 'MemberUpdated', member: memberInfo(occupant) });
  }

  framesConfirmed(frames: Frames): void {
    this.broadcast(frames);
    this.verifier?.step(frames);
  }

  seatLagging(seat: number, lagging: boolean): void {
    this.broadcast({ type: 'SeatLagging', seat, lagging });
  }

  /** What the admin endpoint shows (GET /admin/rooms/:code). */
  adminView(): object {
    return {
      code: this.code,
      phase: this.phase === RoomPhase.running ? 'running' : 'lobby',
      simBuild: this.simBuild,
      maxPlayers: this.maxPlayers,
      settings: this.settings,
      frontier: this.timeline?.frontier ?? 0,
      hashInterval: this.verifier?.hashInterval ?? 0,
      verifierBytes: this.verifierBytes,
      checkpoints: this.verifier?.checkpointList() ?? [],
      desyncs: this.desyncs.map(({ room: _room, ...desync }) => desync),
      members: this.occupants.map(memberInfo),
    };
  }

  private begin(now: number): void {
    this.startAt = now + this.options.startDelayMs;
    const timeline = new InputTimeline(this.maxPlayers, this.startAt, this.options, this.stats, this);
    for (const occupant of this.seats) if (occupant !== undefined) timeline.occupy(occupant.seat);
    this.timeline = timeline;
    this.verifier = this.verification?.open(matchConfigForRoom(this.settings, this.maxPlayers));
    this.broadcast(this.matchStarted(this.options.startDelayMs));
  }

  private matchStarted(startsInMs: number): RelayMessage {
    return {
      type: 'MatchStarted',
      startsInMs,
      tickRate: this.options.tickRate,
      inputDeadlineMs: this.options.inputDeadlineMs,
      seats: this.maxPlayers,
      startRelayTime: this.startAt,
      hashInterval: this.verifier?.hashInterval ?? 0,
    };
  }

  /** A member arriving in a running match: the clock, then the confirmed state the Frames continue from. */
  private catchUp(occupant: Occupant, reason: SnapshotReason): void {
    occupant.member.send(this.matchStarted(0));
    if (this.verifier === undefined) return;
    if (reason === SnapshotReason.lateJoin) this.stats.lateJoinSnapshots++;
    this.sendSnapshot(occupant, reason);
  }

  private sendSnapshot(occupant: Occupant, reason: SnapshotReason, desync?: { tick: number; clientHash: number; relayHash: number }): void {
    const snapshot = this.verifier!.snapshot(reason, desync);
    occupant.hashesFrom = snapshot.tick;
    occupant.member.send(snapshot);
  }

  private sendJoined(occupant: Occupant): void {
    occupant.member.send({
      type: 'RoomJoined',
      code: this.code,
      simBuild: this.simBuild,
      role: occupant.role,
      seat: occupant.seat,
      maxPlayers: this.maxPlayers,
      owner: this.owner().member.playerId,
      phase: this.phase,
      settings: this.settings,
      members: this.occupants.map(memberInfo),
    });
  }

  /** The player in the room longest. A room without players is closed, so there always is one. */
  private owner(): Occupant {
    return this.occupants.find((occupant) => occupant.role === Role.player)!;
  }

  /** Encoded once, framed by each connection: the cost per member is the framing alone. */
  private broadcast(message: RelayMessage, except?: Occupant): void {
    const payload = encodePayload(message);
    const typeId = MessageType[message.type];
    for (let i = 0; i < this.occupants.length; i++) {
      const occupant = this.occupants[i]!;
      if (occupant !== except) occupant.member.sendPayload(typeId, payload);
    }
  }
}

function memberInfo(occupant: Occupant): Member {
  const { member, role, seat, ready, connected } = occupant;
  return { playerId: member.playerId, name: member.name, role, seat, ready, connected, pingMs: connected ? member.pingMs : 0 };
}
