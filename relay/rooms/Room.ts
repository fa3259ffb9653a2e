// One room: its seats and spectators, its owner, its phase, and once running its input timeline.
// Lifecycle messages go to every member, each broadcast encoded once and framed per connection.
// The owner is the player who has been in the room longest, so ownership passes on by itself.

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
  encodePayload,
  spectatorSeat,
} from '../../protocol/generated/tessera.ts';
import { InputTimeline, type TimelineListener, type TimelineStats } from './InputTimeline.ts';
import type { RoomMember } from './RoomMember.ts';
import { RoomRefusal } from './RoomRefusal.ts';
import type { RoomServiceOptions } from './RoomService.ts';

export interface RoomSetup {
  code: string;
  simBuild: string;
  maxPlayers: number;
  autoStart: boolean;
  settings: MatchSettings;
}

/** A member's place in a room. */
export interface Occupant {
  readonly member: RoomMember;
  readonly room: Room;
  readonly role: Role;
  /** 0..maxPlayers-1, or spectatorSeat. */
  readonly seat: number;
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

  constructor(
    setup: RoomSetup,
    private readonly options: RoomServiceOptions,
    private readonly stats: TimelineStats,
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

  /**
   * Seats `member` (the lowest free seat) or adds it as a spectator, answers RoomJoined, tells the
   * others, and starts an autoStart room that is now full. A player joining a running match is
   * expected to send inputs from the current frontier on.
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
    const occupant: Occupant = { member, room: this, role, seat };
    this.occupants.push(occupant);
    if (role === Role.player) {
      this.seats[seat] = occupant;
      this.timeline?.occupy(seat);
    } else {
      this.spectatorCount++;
    }
    member.send({
      type: 'RoomJoined',
      code: this.code,
      simBuild: this.simBuild,
      role,
      seat,
      maxPlayers: this.maxPlayers,
      owner: this.owner().member.playerId,
      phase: this.phase,
      settings: this.settings,
      members: this.occupants.map(memberInfo),
    });
    this.broadcast({ type: 'MemberJoined', member: memberInfo(occupant) }, occupant);
    if (this.autoStart && this.phase === RoomPhase.lobby && this.playerCount === this.maxPlayers) this.begin(now);
    return occupant;
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

  /** StartMatch: the owner starts the match before every seat is taken. */
  start(by: Occupant, now: number): void {
    if (this.phase === RoomPhase.running) throw new RoomRefusal(RoomError.matchRunning, `the match in room ${this.code} is already running`);
    if (by !== this.owner()) throw new RoomRefusal(RoomError.notOwner, `only the room's owner can start the match`);
    this.begin(now);
  }

  input(from: Occupant, message: Input, now: number): void {
    if (from.role === Role.spectator) throw new RoomRefusal(RoomError.spectator, `spectators cannot send input`);
    if (this.timeline === undefined) throw new RoomRefusal(RoomError.notRunning, `the match in room ${this.code} has not started: no input is taken yet`);
    this.timeline.receive(from.seat, message.tick, message.input, message.clientTime, now);
  }

  /** Confirms the ticks whose deadline has passed (the RoomService calls it from its timer). */
  sweep(now: number): void {
    this.timeline?.confirmDue(now);
  }

  /** Tells everyone still inside that the room is gone. */
  close(): void {
    this.broadcast({ type: 'RoomLeft', code: this.code });
  }

  framesConfirmed(frames: Frames): void {
    this.broadcast(frames);
  }

  seatLagging(seat: number, lagging: boolean): void {
    this.broadcast({ type: 'SeatLagging', seat, lagging });
  }

  private begin(now: number): void {
    const timeline = new InputTimeline(this.maxPlayers, now + this.options.startDelayMs, this.options, this.stats, this);
    for (const occupant of this.seats) if (occupant !== undefined) timeline.occupy(occupant.seat);
    this.timeline = timeline;
    this.broadcast({
      type: 'MatchStarted',
      startsInMs: this.options.startDelayMs,
      tickRate: this.options.tickRate,
      inputDeadlineMs: this.options.inputDeadlineMs,
      seats: this.maxPlayers,
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
  return { playerId: occupant.member.playerId, name: occupant.member.name, role: occupant.role, seat: occupant.seat };
}
