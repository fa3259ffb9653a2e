// The relay's rooms behind one door: the connection hands over each room message and each closed
// socket, a timer calls sweep(). Every request is answered — RoomJoined, or RoomRequestFailed with a
// RoomError and a sentence for the player — and never by closing the connection. A player whose
// connection drops mid-match keeps its seat for the reconnect grace: JoinRoom by the same player
// within it gets the seat back.

import { randomInt } from 'node:crypto';
import { defaultMatchConfig, matchConfigForRoom } from '../../host/MatchConfig.ts';
import {
  type CreateRoom,
  type Input,
  type JoinRoom,
  type LeaveRoom,
  MessageType,
  type MatchSettings,
  type QuickMatch,
  Role,
  RoomError,
  RoomPhase,
  type SetReady,
  type StartMatch,
  type StateHash,
  maxRoomMembers,
  maxSeats,
} from '../../protocol/generated/tessera.ts';
import type { RelayStats } from '../stats.ts';
import { QuickMatchPool } from './QuickMatchPool.ts';
import { type DesyncEvent, type Occupant, Room, type RoomSetup } from './Room.ts';
import type { RoomMember } from './RoomMember.ts';
import { RoomRefusal } from './RoomRefusal.ts';
import { RoomRegistry } from './RoomRegistry.ts';
import { type Verification, checkMatchConfig } from './Verification.ts';

export interface RoomServiceOptions {
  /** Ticks per second (MatchStarted.tickRate). */
  tickRate: number;
  /** How long after its nominal time a tick waits for missing inputs (RELAY_INPUT_DEADLINE_MS). */
  inputDeadlineMs: number;
  /** From StartMatch (or the last seat taken) to tick 0 (RELAY_START_DELAY_MS, MatchStarted.startsInMs). */
  startDelayMs: number;
  /** Spectators per room (RELAY_MAX_SPECTATORS). */
  maxSpectators: number;
  /** Inputs this many ticks or more ahead of the frontier are dropped (RELAY_MAX_INPUT_AHEAD_TICKS). */
  maxInputAheadTicks: number;
  /** How long a player's seat is held after its connection drops mid-match (RELAY_RECONNECT_GRACE_MS). */
  reconnectGraceMs: number;
}

export type RoomRequest = CreateRoom | JoinRoom | QuickMatch | LeaveRoom | StartMatch | Input | StateHash | SetReady;

/** What the rooms report to the relay's log. */
export interface RoomEvents {
  lifecycle?(event: RoomLifecycleEvent): void;
  desync?(event: DesyncEvent): void;
}

/** A disconnected player's seat, held until `until` (clock ms). */
interface HeldSeat {
  readonly occupant: Occupant;
  readonly until: number;
}

/** Ticks of input the timeline buffers per seat; bounds each room's memory. */
const MAX_INPUT_AHEAD_LIMIT = 4096;

/** A room opened, its match started, or it closed: for the relay's logs. */
export interface RoomLifecycleEvent {
  event: 'roomOpened' | 'matchStarted' | 'roomClosed';
  room: string;
  simBuild: string;
  players: number;
  maxPlayers: number;
}

export class RoomService {
  private readonly registry = new RoomRegistry();
  private readonly quickMatches = new QuickMatchPool();
  private readonly occupants = new Map<RoomMember, Occupant>();
  /** Seats held for reconnecting players, by player id. */
  private readonly held = new Map<string, HeldSeat>();

  constructor(
    private readonly options: RoomServiceOptions,
    /** Monotonic milliseconds. */
    private readonly clock: () => number,
    private readonly stats: RelayStats,
    private readonly events: RoomEvents = {},
    /** The relay's sim: rooms verify with it and must run its build. Null: relay only (RELAY_VERIFY=0). */
    private readonly verification: Verification | null = null,
  ) {
    checkOptions(options);
  }

  handle(member: RoomMember, message: RoomRequest): void {
    try {
      switch (message.type) {
        case 'Input':
          return this.input(member, message);
        case 'StateHash':
          return this.stateHash(member, message);
        case 'SetReady':
          return this.setReady(member, message);
        case 'CreateRoom':
          return this.create(member, message);
        case 'JoinRoom':
          return this.join(member, message);
        case 'QuickMatch':
          return this.quickMatch(member, message);
        case 'LeaveRoom':
          return this.leaveRoom(member);
        case 'StartMatch':
          return this.start(member);
      }
    } catch (error) {
      if (!(error instanceof RoomRefusal)) throw error;
      member.send({ type: 'RoomRequestFailed', request: MessageType[message.type], error: error.error, message: error.message });
    }
  }

  /**
   * The member's socket closed: it leaves its room, except a player in a running match, whose
   * seat is held for the reconnect grace.
   */
  disconnect(member: RoomMember): void {
    const occupant = this.occupants.get(member);
    if (occupant === undefined) return;
    if (occupant.role !== Role.player || occupant.room.phase !== RoomPhase.running || this.options.reconnectGraceMs === 0) return this.leave(member);
    this.occupants.delete(member);
    // A player holds one seat: one held elsewhere (it joined another match since) is given up.
    const previous = this.held.get(member.playerId);
    if (previous !== undefined) this.release(previous.occupant);
    this.held.set(member.playerId, { occupant, until: this.clock() + this.options.reconnectGraceMs });
    occupant.room.hold(occupant);
  }

  /** The member's round trip changed enough to show: its room sees a MemberUpdated. */
  pingChanged(member: RoomMember): void {
    const occupant = this.occupants.get(member);
    occupant?.room.memberUpdated(occupant);
  }

  /** Confirms the ticks whose deadline has passed, in every running room; ends held seats whose grace is over. */
  sweep(): void {
    const now = this.clock();
    for (const room of this.registry.values()) room.sweep(now);
    if (this.held.size === 0) return;
    for (const seat of this.held.values()) if (now >= seat.until) this.release(seat.occupant);
  }

  /** The admin endpoint's view of a room; undefined for no open room with this code. */
  adminRoom(code: string): object | undefined {
    return this.registry.find(code)?.adminView();
  }

  /** Linear memory of every running room's verifier world. */
  get verifierBytes(): number {
    let bytes = 0;
    for (const room of this.registry.values()) bytes += room.verifierBytes;
    return bytes;
  }

  get roomCount(): number {
    return this.registry.size;
  }

  get memberCount(): number {
    return this.occupants.size;
  }

  /** Shutting down: every member gets RoomLeft and every room closes. */
  close(): void {
    for (const room of this.registry.values()) this.closeRoom(room);
  }

  private input(member: RoomMember, message: Input): void {
    const occupant = this.requireRoom(member);
    occupant.room.input(occupant, message, this.clock());
  }

  private stateHash(member: RoomMember, message: StateHash): void {
    const occupant = this.occupants.get(member);
    // A hash in flight when its sender left is no request to refuse.
    if (occupant === undefined) this.stats.stateHashesIgnored++;
    else occupant.room.stateHash(occupant, message);
  }

  private setReady(member: RoomMember, message: SetReady): void {
    const occupant = this.requireRoom(member);
    occupant.room.setReady(occupant, message.ready);
  }

  private create(member: RoomMember, message: CreateRoom): void {
    this.requireNoRoom(member);
    checkMaxPlayers(message.maxPlayers);
    this.verification?.checkBuild(message.simBuild);
    this.checkSettings(message.settings, message.maxPlayers);
    const room = this.open({ simBuild: message.simBuild, maxPlayers: message.maxPlayers, autoStart: message.autoStart, settings: message.settings });
    this.admit(room, member, Role.player, message.simBuild);
  }

  private join(member: RoomMember, message: JoinRoom): void {
    this.requireNoRoom(member);
    const room = this.registry.find(message.code);
    if (room === undefined) throw new RoomRefusal(RoomError.notFound, `no open room has the code ${message.code}`);
    this.verification?.checkBuild(message.simBuild);
    const held = this.held.get(member.playerId);
    if (held !== undefined && held.occupant.room === room && message.role === Role.player && message.simBuild === room.simBuild) {
      this.held.delete(member.playerId);
      this.occupants.set(member, held.occupant);
      return room.reclaim(held.occupant, member);
    }
    this.admit(room, member, message.role, message.simBuild);
  }

  private quickMatch(member: RoomMember, message: QuickMatch): void {
    this.requireNoRoom(member);
    checkMaxPlayers(message.maxPlayers);
    this.verification?.checkBuild(message.simBuild);
    let room = this.quickMatches.lobby(message.simBuild, message.maxPlayers);
    if (room === undefined) {
      const settings = { seed: randomInt(0x1_0000_0000), matchTicks: 0, orbs: defaultMatchConfig.orbs };
      room = this.open({ simBuild: message.simBuild, maxPlayers: message.maxPlayers, autoStart: true, settings });
      this.quickMatches.add(room);
    }
    this.admit(room, member, Role.player, message.simBuild);
  }

  private leaveRoom(member: RoomMember): void {
    const { room } = this.requireRoom(member);
    this.leave(member);
    member.send({ type: 'RoomLeft', code: room.code });
  }

  private start(member: RoomMember): void {
    const occupant = this.requireRoom(member);
    occupant.room.start(occupant, this.clock());
    this.quickMatches.remove(occupant.room);
    this.announce('matchStarted', occupant.room);
  }

  /** Settings the sim refuses, or (verifying) a state too big to snapshot, would fail at the start: refuse them now. */
  private checkSettings(settings: MatchSettings, maxPlayers: number): void {
    const config = matchConfigForRoom(settings, maxPlayers);
    if (this.verification === null) checkMatchConfig(config);
    else this.verification.checkMatch(config);
  }

  private announce(event: RoomLifecycleEvent['event'], room: Room): void {
    this.events.lifecycle?.({ event, room: room.code, simBuild: room.simBuild, players: room.playerCount, maxPlayers: room.maxPlayers });
  }

  private open(setup: Omit<RoomSetup, 'code'>): Room {
    const room = new Room({ code: this.registry.freeCode(), ...setup }, this.options, this.stats, this.verification, (event) => this.events.desync?.(event));
    this.registry.add(room);
    this.stats.roomsCreated++;
    this.announce('roomOpened', room);
    return room;
  }

  private admit(room: Room, member: RoomMember, role: Role, simBuild: string): void {
    const phase = room.phase;
    this.occupants.set(member, room.admit(member, role, simBuild, this.clock()));
    // A quick-match room that filled up has started: nobody else is matched into it.
    if (room.phase === RoomPhase.running) this.quickMatches.remove(room);
    if (phase !== room.phase) this.announce('matchStarted', room);
  }

  private leave(member: RoomMember): void {
    const occupant = this.occupants.get(member)!;
    this.occupants.delete(member);
    this.remove(occupant);
  }

  /** A held seat's grace is over (or its player took another): the player leaves for good. */
  private release(occupant: Occupant): void {
    this.held.delete(occupant.member.playerId);
    this.remove(occupant);
  }

  private remove(occupant: Occupant): void {
    occupant.room.leave(occupant);
    if (occupant.room.playerCount === 0) this.closeRoom(occupant.room);
  }

  private closeRoom(room: Room): void {
    this.registry.delete(room);
    this.quickMatches.remove(room);
    for (const occupant of room.members) {
      this.occupants.delete(occupant.member);
      if (this.held.get(occupant.member.playerId)?.occupant === occupant) this.held.delete(occupant.member.playerId);
    }
    room.close();
    this.stats.roomsClosed++;
    this.announce('roomClosed', room);
  }

  private requireRoom(member: RoomMember): Occupant {
    const occupant = this.occupants.get(member);
    if (occupant === undefined) throw new RoomRefusal(RoomError.notInRoom, `you are not in a room`);
    return occupant;
  }

  private requireNoRoom(member: RoomMember): void {
    const occupant = this.occupants.get(member);
    if (occupant !== undefined) throw new RoomRefusal(RoomError.alreadyInRoom, `you are already in room ${occupant.room.code}: leave it first`);
  }
}

function checkMaxPlayers(maxPlayers: number): void {
  if (maxPlayers < 1 || maxPlayers > maxSeats) throw new RoomRefusal(RoomError.invalidRequest, `a room has 1 to ${maxSeats} players, not ${maxPlayers}`);
}

/** Values the wire cannot carry would fail later, mid-match; refuse them at start-up instead. */
function checkOptions(options: RoomServiceOptions): void {
  const whole = (name: keyof RoomServiceOptions, lo: number, hi: number): void => {
    const value = options[name];
    if (!Number.isInteger(value) || value < lo || value > hi) throw new RangeError(`room option ${name} must be a whole number in ${lo}..${hi}, got ${value}`);
  };
  whole('tickRate', 1, 0xff);
  whole('inputDeadlineMs', 0, 0xffff);
  whole('startDelayMs', 0, 0xffff);
  whole('maxSpectators', 0, maxRoomMembers - maxSeats);
  whole('maxInputAheadTicks', 1, MAX_INPUT_AHEAD_LIMIT);
  whole('reconnectGraceMs', 0, 0xffffffff);
}
