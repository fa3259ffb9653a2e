// Online play inside the engine: one netcode/OnlineSession (the relay connection, the lobby and the
// rollback session) living on the engine's thread, so confirmed Frames go straight into the sim
// without a hop through the page. This class turns the session's lobby and connection news into
// the runtime's plain-data events and answers the engine's per-frame questions; GameEngine decides
// what is drawn.

import { hex32, type Sim } from '../../host/Sim.ts';
import { TICKS_PER_SECOND } from '../../host/SimExports.ts';
import { defaultMatchConfig } from '../../host/MatchConfig.ts';
import { spectatorSeat } from '../../protocol/generated/tessera.ts';
import { OnlineSession, type RoomView as SessionRoom } from '../../netcode/OnlineSession.ts';
import type { RollbackSession } from '../../netcode/RollbackSession.ts';
import type { GameEventMap, NetStats, OnlineDiagnostics, RoomOptions, RoomView } from '../runtime/types.ts';


export interface OnlineConnectOptions {
  /** ws(s)://host/ws: the page works it out from its own address unless the embedder names one. */
  url: string;
  name?: string;
}

export type OnlineEmit = <K extends 'room' | 'matchstart' | 'reconnecting' | 'reconnected' | 'connectionlost'>(type: K, detail: GameEventMap[K]) => void;

/** A match began: draw `sim`, whose local player sits in `seat` (null: spectating). */
export type OnMatch = (sim: Sim, seat: number | null) => void;

export class OnlinePlay {
  /** The match being played (or the last one, after the relay went away): kept for its hashes and replay. */
  private match: RollbackSession | null = null;
  private matchCode = '';
  private seat: number | null = null;
  private ended = false;

  private constructor(private readonly session: OnlineSession, emit: OnlineEmit, onMatch: OnMatch) {
    session.on('room', (room) => emit('room', this.roomView(room)));
    session.on('roomLeft', () => emit('room', null));
    session.on('matchStarted', ({ seat, seats }) => {
      const match = session.match;
      if (!match) return;
      this.match = match;
      this.seat = seat;
      this.matchCode = session.room?.code ?? this.matchCode;
      onMatch(match.sim, seat);
      emit('matchstart', { code: this.matchCode, seat, seats });
    });
    session.on('connection', ({ state, attempt, message }) => {
      if (state === 'reconnecting') emit('reconnecting', { attempt, message });
      else if (state === 'connected') emit('reconnected', {});
      else {
        this.ended = true;
        emit('connectionlost', { message });
      }
    });
    // For the game's developers: where and in which fields the states differed (USERS.md).
    session.on('desync', ({ report }) => console.warn(report));
    // Something the relay sent could not be applied: a bug on one side, worth a line in the console.
    session.on('error', (error) => console.error(error));
  }

  static async connect(base: Sim, options: OnlineConnectOptions, emit: OnlineEmit, onMatch: OnMatch): Promise<OnlinePlay> {
    const session = await OnlineSession.connect({
      url: options.url,
      WebSocket,
      sim: base,
      ...(options.name ? { name: options.name } : {}),
    });
    return new OnlinePlay(session, emit, onMatch);
  }

  get playerId(): string {
    return this.session.playerId;
  }

  /** The relay ended the connection for good (or refused it); the last match's hashes and replay stay readable. */
  get gone(): boolean {
    return this.ended;
  }

  async createRoom(o: RoomOptions): Promise<RoomView> {
    return this.roomView(await this.session.createRoom({
      maxPlayers: o.players,
      settings: {
        seed: o.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!,
        matchTicks: Math.round((o.matchSeconds ?? 0) * TICKS_PER_SECOND),
        orbs: o.orbs ?? defaultMatchConfig.orbs,
      },
    }));
  }

  async joinRoom(code: string, spectate: boolean): Promise<RoomView> {
    return this.roomView(await this.session.joinRoom(code, spectate ? 'spectator' : 'player'));
  }

  async quickMatch(players: number): Promise<RoomView> {
    return this.roomView(await this.session.quickMatch(players));
  }

  setReady(ready: boolean): void {
    this.session.setReady(ready);
  }

  startMatch(): Promise<void> {
    return this.session.startMatch();
  }

  /** Once a frame during the match: ticks stepped (rollbacks and re-simulation happen inside). */
  update(nowMs: number, localInput: number): number {
    return this.session.update(nowMs, localInput);
  }

  renderAlpha(nowMs: number): number {
    return this.session.renderAlpha(nowMs);
  }

  netStats(): NetStats {
    return this.session.netStats();
  }

  replay(): Uint8Array | null {
    return this.session.replay();
  }

  diagnostics(): OnlineDiagnostics | null {
    const match = this.match;
    if (!match) return null;
    return {
      code: this.matchCode,
      seat: this.seat,
      confirmedTick: match.confirmedTick,
      confirmedHashes: match.confirmedHashes.map(({ tick, hash }) => [tick, hex32(hash)]),
      net: this.netStats(),
    };
  }

  /** Leave the room (when the relay can still hear it) and close the connection for good. */
  async close(): Promise<void> {
    if (this.session.room) await this.session.leave().catch(() => {});
    this.session.close();
  }

  private roomView(room: SessionRoom): RoomView {
    return {
      code: room.code,
      seat: room.seat === spectatorSeat ? null : room.seat,
      you: this.session.playerId,
      owner: room.owner,
      maxPlayers: room.maxPlayers,
      running: room.phase === 'running',
      members: room.members.map((m) => ({
        playerId: m.playerId,
        name: m.name,
        seat: m.seat === spectatorSeat ? null : m.seat,
        ready: m.ready,
        connected: m.connected,
        pingMs: m.pingMs,
      })),
    };
  }
}
