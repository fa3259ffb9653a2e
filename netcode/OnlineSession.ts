// A player's (or spectator's) online play through the relay: the lobby, the match's rollback session
// fed by the relay's Frames and Snapshots, time sync, verification hashes, and reconnecting when the
// connection drops. The game worker (web/) and the Node bots (bots/) both drive it the same way: call
// update() every frame. Everything environment-specific is passed in (WebSocket constructor, clock),
// so the same class runs in a worker, on a page and in Node.

import { hex32, type Sim } from '../host/Sim.ts';
import { matchConfigForRoom } from '../host/MatchConfig.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';
import { diffState, formatStateDiff, type StateDifference } from '../host/diffState.ts';
import { encodeReplay } from '../host/replay/ReplayFile.ts';
import { RelayClient } from '../net/RelayClient.ts';
import type { CloseInfo } from '../net/CloseInfo.ts';
import { RelayClosedError, RoomRequestError } from '../net/RelayErrors.ts';
import type { RelaySocketConstructor } from '../net/RelaySocket.ts';
import { fetchGuestToken } from '../net/fetchGuestToken.ts';
import {
  CloseCode, type Frames, type MatchSettings, type MatchStarted, type Member, maxSnapshotBytes, Role, RoomError, RoomPhase,
  type RoomJoined, type Snapshot, SnapshotReason, spectatorSeat,
} from '../protocol/generated/tessera.ts';
import { Emitter } from './Emitter.ts';
import { RelayClock } from './RelayClock.ts';
import { DEFAULT_INPUT_DELAY, DEFAULT_PREDICTION_WINDOW, RollbackSession } from './RollbackSession.ts';
import { TickPacer, autoInputDelay, idealAnchor } from './TickPacer.ts';

export interface ReconnectOptions {
  /** First retry after this (default 250 ms), doubling up to maxDelayMs (default 4000), plus up to 25 % jitter. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Give up this long after the connection dropped (default 20000: the relay's seat grace). */
  giveUpAfterMs?: number;
}

export interface OnlineSessionOptions {
  /** The relay's WebSocket endpoint, e.g. ws://127.0.0.1:8080/ws. */
  url: string;
  /** The browser's WebSocket, or `ws`'s in Node. */
  WebSocket: RelaySocketConstructor;
  /** A loaded sim; the session plays on its own clone of it. Its buildId is the room's simBuild. */
  sim: Sim;
  /** A relay token; without one, a guest token from POST /token on the relay's host. */
  token?: string;
  /** The guest name asked for with the guest token. */
  name?: string;
  /** The clock update() is given, in ms (default performance.now). */
  now?: () => number;
  /** The least input delay a match plays with, ticks (default 2); a long round trip raises it, up to maxInputDelay. */
  inputDelay?: number;
  /** The most input delay the link may choose (default 8 ticks, see DEFAULT_MAX_INPUT_DELAY); equal to inputDelay: a fixed delay. */
  maxInputDelay?: number;
  predictionWindow?: number;
  reconnect?: ReconnectOptions;
  /** Backoff jitter source (default Math.random). */
  random?: () => number;
}

export interface RoomView {
  code: string;
  simBuild: string;
  owner: string;
  role: 'player' | 'spectator';
  /** This client's seat; 255 (spectatorSeat) for a spectator. */
  seat: number;
  maxPlayers: number;
  phase: 'lobby' | 'running';
  settings: MatchSettings;
  /** Everyone in the room, with ready, connected and pingMs. */
  members: Member[];
}

export interface NetStats {
  /** The last round trip to the relay, ms. */
  pingMs: number;
  rollbackDepth: number;
  maxRollbackDepth: number;
  rollbacks: number;
  resimulatedTicks: number;
  desyncs: number;
  resyncs: number;
  /** Local tick minus the confirmed frontier. */
  lead: number;
  stalls: number;
  reconnects: number;
  tick: number;
  confirmedTick: number;
  /** The running (or last) match's input delay, ticks, chosen from the link at its start; 0 before a match. */
  inputDelay: number;
}

export type ConnectionState = 'connected' | 'reconnecting' | 'gone';
export type SnapshotReasonName = 'lateJoin' | 'reconnect' | 'desync';

export interface OnlineEvents {
  /** The room changed: joined, a member came, left, got ready, reconnected, a new ping, a new owner. */
  room: RoomView;
  roomLeft: { code: string };
  matchStarted: { seat: number | null; seats: number; config: MatchConfig; hashInterval: number; tick: number };
  snapshot: { reason: SnapshotReasonName; tick: number };
  /** The relay found this client's state hash wrong and sent its own state; the diff names what differed. */
  desync: { tick: number; clientHash: number; relayHash: number; snapshotTick: number; differences: StateDifference[]; report: string };
  /** 'gone' is final: the message says what happened, for the player. */
  connection: { state: ConnectionState; attempt: number; message: string };
  /** Something the relay sent could not be applied (a bug on one side); the session goes on. */
  error: Error;
}

const reasonNames: Record<number, SnapshotReasonName> = {
  [SnapshotReason.lateJoin]: 'lateJoin', [SnapshotReason.reconnect]: 'reconnect', [SnapshotReason.desync]: 'desync',
};

/** Close codes after which trying again cannot help: the token is refused or another connection took over. */
const finalCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.authMissing, CloseCode.authMalformed, CloseCode.authBadSignature, CloseCode.authExpired,
  CloseCode.authWrongAudience, CloseCode.authWrongIssuer, CloseCode.authRevoked, CloseCode.originNotAllowed, CloseCode.replaced,
]);

const PING_EVERY_MS = 1000;
/**
 * The first Pings after connecting go out this much faster, so that a match starting soon after
 * (a bot, a quick match) already has a few round trips to choose its input delay from.
 */
const FIRST_PINGS = 5;
const FIRST_PING_EVERY_MS = 50;

/**
 * The most input delay a long round trip may add up to: 8 ticks (133 ms) with the default window
 * covers a round trip of about 250 ms. Past that, more delay on every input hurts the controls
 * more than the relay repeating some of them.
 */
export const DEFAULT_MAX_INPUT_DELAY = 8;

/** ws://host/ws → http://host/ (where POST /token lives). */
function httpBase(wsUrl: string): string {
  const url = new URL('/', wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.href;
}

export class OnlineSession {
  readonly events = new Emitter<OnlineEvents>();
  private client: RelayClient;
  private roomView: RoomView | null = null;
  private session: RollbackSession | null = null;
  private matchStart: MatchStarted | null = null;
  private pacer: TickPacer | null = null;
  private readonly clock = new RelayClock();
  /** A joiner's session waits for the relay's Snapshot before it plays. */
  private awaitingSnapshot = false;
  private desyncs = 0;
  private reconnects = 0;
  private closing = false;
  private gone = false;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;

  private constructor(
    private readonly options: OnlineSessionOptions,
    private readonly token: string,
    /** The instance every match of this connection plays on (RollbackSession restarts it). */
    private readonly matchSim: Sim,
    client: RelayClient,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.client = client;
    this.attach(client);
  }

  /** Connects (fetching a guest token if none is given) and resolves once the relay has welcomed us. */
  static async connect(options: OnlineSessionOptions): Promise<OnlineSession> {
    const [token, matchSim] = await Promise.all([
      options.token ?? fetchGuestToken(httpBase(options.url), options.name).then((guest) => guest.token),
      options.sim.clone(),
    ]);
    return new OnlineSession(options, token, matchSim, await OnlineSession.open(options, token));
  }

  private static open(options: OnlineSessionOptions, token: string): Promise<RelayClient> {
    // A Snapshot carries a whole state arena: allow it (and its message fields) through.
    return RelayClient.connect({ url: options.url, token, WebSocket: options.WebSocket, maxPayload: maxSnapshotBytes + 1024 });
  }

  on<E extends keyof OnlineEvents>(event: E, listener: (payload: OnlineEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  get playerId(): string {
    return this.client.welcome.playerId;
  }

  get room(): RoomView | null {
    return this.roomView;
  }

  /** The running (or last) match's session: its sim is what to render. */
  get match(): RollbackSession | null {
    return this.session;
  }

  async createRoom(request: { maxPlayers: number; autoStart?: boolean; settings?: MatchSettings }): Promise<RoomView> {
    const settings = request.settings ?? { seed: (Math.random() * 0x100000000) >>> 0, matchTicks: 0, orbs: 40 };
    return this.viewOf(await this.client.createRoom({ simBuild: this.matchSim.buildId, maxPlayers: request.maxPlayers, autoStart: request.autoStart ?? false, settings }));
  }

  async joinRoom(code: string, role: 'player' | 'spectator' = 'player'): Promise<RoomView> {
    return this.viewOf(await this.client.joinRoom({ code: code.toUpperCase(), simBuild: this.matchSim.buildId, role: role === 'player' ? Role.player : Role.spectator }));
  }

  async quickMatch(maxPlayers: number): Promise<RoomView> {
    return this.viewOf(await this.client.quickMatch({ simBuild: this.matchSim.buildId, maxPlayers }));
  }

  setReady(ready: boolean): void {
    this.client.send({ type: 'SetReady', ready });
  }

  /** The owner starts the match (the relay refuses while a seated player is not ready). */
  async startMatch(): Promise<void> {
    await this.client.startMatch();
  }

  async leave(): Promise<void> {
    const room = this.roomView;
    this.left();
    if (room !== null && this.client.closed === null) await this.client.leaveRoom();
  }

  /**
   * Runs this frame's ticks: as many as the time sync says (0 while waiting for the match, a
   * snapshot or the relay), sends the local input and the verification hashes. Returns the ticks stepped.
   */
  update(nowMs: number, localInput: number): number {
    const session = this.session;
    const pacer = this.pacer;
    const started = this.matchStart;
    if (session === null || pacer === null || started === null || this.awaitingSnapshot) return 0;
    const player = session.localSeat !== null;
    const tickMs = 1000 / started.tickRate;
    const ideal = player && this.clock.synced ? idealAnchor(this.clock, started.startRelayTime, tickMs, session.inputDelay) : null;
    const due = pacer.frame(nowMs, session.tick, session.confirmedTick, ideal);
    const online = this.client.closed === null && !this.gone;
    let stepped = 0;
    for (; stepped < due && session.advance(localInput); stepped++) {
      const sent = session.sentInput;
      if (player && online && sent.tick >= session.confirmedTick) this.client.sendInput(sent.tick, sent.input, nowMs);
    }
    // takeHashes re-simulates a misprediction that arrived after the last tick first.
    const hashes = session.takeHashes();
    if (online && started.hashInterval > 0) for (const { tick, hash } of hashes) this.client.send({ type: 'StateHash', tick, hash });
    return stepped;
  }

  /** Where the frame at nowMs falls between the last two ticks (0..1), for render interpolation. */
  renderAlpha(nowMs: number): number {
    return this.pacer !== null && this.session !== null ? this.pacer.alpha(nowMs, this.session.tick) : 1;
  }

  netStats(): NetStats {
    const s = this.session;
    const stats = s?.stats;
    return {
      pingMs: this.clock.latestRttMs,
      rollbackDepth: stats?.lastRollbackDepth ?? 0,
      maxRollbackDepth: stats?.maxRollbackDepth ?? 0,
      rollbacks: stats?.rollbacks ?? 0,
      resimulatedTicks: stats?.resimulatedTicks ?? 0,
      desyncs: this.desyncs,
      resyncs: stats?.resyncs ?? 0,
      lead: s === null ? 0 : s.tick - s.confirmedTick,
      stalls: stats?.stalls ?? 0,
      reconnects: this.reconnects,
      tick: s?.tick ?? 0,
      confirmedTick: s?.confirmedTick ?? 0,
      inputDelay: s?.inputDelay ?? 0,
    };
  }

  /** The last match's confirmed input log as a replay file (host/replay format), or null; kept after the relay is gone. */
  replay(): Uint8Array | null {
    const replay = this.session?.replay() ?? null;
    return replay === null ? null : encodeReplay(replay);
  }

  /** Leaves for good: no reconnect. */
  close(): void {
    this.closing = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.pingTimer);
    this.client.close(1000, 'client closed');
  }

  /** The view the RoomJoined listener built (it runs before the request's promise settles, and before any MatchStarted behind it). */
  private viewOf(message: RoomJoined): RoomView {
    if (this.roomView === null || this.roomView.code !== message.code) throw new Error(`joined room ${message.code} but the session is not in it`);
    return this.roomView;
  }

  /** Out of the room: the match stops, its session (and replay) stay. */
  private left(): void {
    this.roomView = null;
    this.matchStart = null;
    this.awaitingSnapshot = false;
  }

  private joined(message: RoomJoined): void {
    this.roomView = {
      code: message.code,
      simBuild: message.simBuild,
      owner: message.owner,
      role: message.role === Role.player ? 'player' : 'spectator',
      seat: message.seat,
      maxPlayers: message.maxPlayers,
      phase: message.phase === RoomPhase.running ? 'running' : 'lobby',
      settings: message.settings,
      members: message.members,
    };
    this.events.emit('room', this.roomView);
  }

  private attach(client: RelayClient): void {
    const guard = <M>(handle: (message: M) => void) => (message: M): void => {
      try {
        handle(message);
      } catch (error) {
        this.events.emit('error', error as Error);
      }
    };
    client.on('RoomJoined', guard((m) => this.joined(m)));
    client.on('Pong', (m) => this.clock.sample(m.clientTime, m.relayTime, this.now()));
    client.on('MemberJoined', guard((m) => this.changeRoom((room) => room.members.push(m.member))));
    client.on('MemberUpdated', guard((m) => this.changeRoom((room) => {
      const at = room.members.findIndex((member) => member.playerId === m.member.playerId);
      if (at < 0) room.members.push(m.member);
      else room.members[at] = m.member;
    })));
    client.on('MemberLeft', guard((m) => this.changeRoom((room) => {
      room.members = room.members.filter((member) => member.playerId !== m.playerId);
      room.owner = m.owner;
    })));
    client.on('RoomLeft', guard((m) => {
      this.left();
      this.events.emit('roomLeft', { code: m.code });
    }));
    client.on('MatchStarted', guard((m) => this.matchStarted(m)));
    client.on('Frames', guard((m) => this.frames(m)));
    client.on('Snapshot', guard((m) => this.snapshot(m)));
    client.onClose((info) => this.dropped(client, info));
    let pings = 0;
    const ping = (): void => {
      if (client.closed !== null) return;
      client.send({ type: 'Ping', clientTime: this.now() });
      pings++;
      this.pingTimer = setTimeout(ping, pings < FIRST_PINGS ? FIRST_PING_EVERY_MS : PING_EVERY_MS);
    };
    clearTimeout(this.pingTimer);
    ping();
  }

  private changeRoom(change: (room: RoomView) => void): void {
    if (this.roomView === null) return;
    change(this.roomView);
    this.events.emit('room', this.roomView);
  }

  private matchStarted(m: MatchStarted): void {
    const room = this.roomView;
    if (room === null) return;
    const joiningRunning = room.phase === 'running';
    room.phase = 'running';
    const now = this.now();
    const tickMs = 1000 / m.tickRate;
    const localSeat = room.seat === spectatorSeat ? null : room.seat;
    // A rejoin of the match this session is playing (same start on the relay's clock, same seat) keeps it.
    const sameMatch = this.session !== null && this.matchStart?.startRelayTime === m.startRelayTime && this.session.localSeat === localSeat;
    this.matchStart = m;
    this.awaitingSnapshot = joiningRunning;
    if (!sameMatch) {
      const config = matchConfigForRoom(room.settings, m.seats);
      const inputDelay = this.options.inputDelay ?? DEFAULT_INPUT_DELAY;
      const predictionWindow = this.options.predictionWindow ?? DEFAULT_PREDICTION_WINDOW;
      // Chosen per match from the round trips so far (a late join's or a new match's too), never
      // changed mid-match: a reconnect to this match keeps its session above. A spectator sends nothing.
      const limits = { inputDelay, predictionWindow, maxInputDelay: this.options.maxInputDelay ?? DEFAULT_MAX_INPUT_DELAY };
      this.session = new RollbackSession(this.matchSim, config, {
        localSeat,
        inputDelay: localSeat === null ? inputDelay : autoInputDelay(this.clock, tickMs, limits),
        predictionWindow,
        hashInterval: m.hashInterval,
      });
      const session = this.session;
      this.pacer = new TickPacer(now + m.startsInMs, {
        tickMs,
        inputDelay: session.inputDelay,
        predictionWindow: localSeat === null ? 0 : session.predictionWindow,
        deadlineTicks: Math.ceil(m.inputDeadlineMs / tickMs),
      });
      if (this.clock.synced && localSeat !== null) this.pacer.anchor = idealAnchor(this.clock, m.startRelayTime, tickMs, session.inputDelay);
      if (!joiningRunning) this.sendUnconfirmedInputs();
      this.events.emit('matchStarted', { seat: localSeat, seats: m.seats, config, hashInterval: m.hashInterval, tick: session.tick });
    }
    this.events.emit('room', room);
  }

  private frames(m: Frames): void {
    const session = this.session;
    if (session === null || this.awaitingSnapshot) return;
    session.confirm(m.firstTick, m.ticks);
    this.pacer?.confirmed(this.now(), m.firstTick + m.ticks.length - 1);
  }

  private snapshot(m: Snapshot): void {
    const session = this.session;
    if (session === null) return;
    const reason = reasonNames[m.reason] ?? 'desync';
    const desync = m.reason === SnapshotReason.desync;
    const before = session.tick;
    const own = session.applySnapshot(m.tick, m.state, m.hash, desync ? m.desyncTick : m.tick);
    this.awaitingSnapshot = false;
    // A session that jumped forward plays on from the snapshot now; one that was ahead keeps its pace.
    if (m.tick > before && this.pacer !== null) this.pacer.anchor = this.now() - m.tick * (1000 / (this.matchStart?.tickRate ?? 60));
    // Inputs sent over a connection that died never arrived, and a joiner's lead-in is new.
    if (!desync) this.sendUnconfirmedInputs();
    this.events.emit('snapshot', { reason, tick: m.tick });
    if (!desync) return;
    this.desyncs++;
    const differences = own === null ? [] : diffState(this.matchSim.exports, own, m.state);
    const report = own === null
      ? `desync at tick ${m.desyncTick}: client ${hex32(m.clientHash)}, relay ${hex32(m.relayHash)}; this client no longer held its state at tick ${m.tick} to compare`
      : `desync at tick ${m.desyncTick}: client ${hex32(m.clientHash)}, relay ${hex32(m.relayHash)}; state at tick ${m.tick}, client vs relay:\n${formatStateDiff(differences)}`;
    this.events.emit('desync', { tick: m.desyncTick, clientHash: m.clientHash, relayHash: m.relayHash, snapshotTick: m.tick, differences, report });
  }

  private sendUnconfirmedInputs(): void {
    if (this.client.closed !== null) return;
    const now = this.now();
    this.session?.unconfirmedLocalInputs((tick, input) => this.client.sendInput(tick, input, now));
  }

  private dropped(client: RelayClient, info: CloseInfo): void {
    if (client !== this.client || this.closing) return;
    clearTimeout(this.pingTimer);
    if (finalCloseCodes.has(info.code)) {
      this.giveUp(`The relay closed the connection (${info.name}${info.reason === '' ? '' : `: ${info.reason}`}) and reconnecting cannot help.`);
      return;
    }
    this.retry(0, this.now() + (this.options.reconnect?.giveUpAfterMs ?? 20_000), info);
  }

  private retry(attempt: number, giveUpAt: number, info: CloseInfo): void {
    const first = this.options.reconnect?.firstDelayMs ?? 250;
    const max = this.options.reconnect?.maxDelayMs ?? 4000;
    const base = Math.min(max, first * 2 ** attempt);
    const delay = base * (1 + 0.25 * (this.options.random ?? Math.random)());
    if (this.now() + delay > giveUpAt) {
      const host = new URL(this.options.url).host;
      this.giveUp(`Lost the connection to the relay at ${host} (${info.name}) and could not reconnect. The match has ended for you; its replay is kept.`);
      return;
    }
    this.events.emit('connection', { state: 'reconnecting', attempt: attempt + 1, message: `Connection lost; reconnecting (attempt ${attempt + 1})…` });
    this.retryTimer = setTimeout(() => void this.reconnect(attempt, giveUpAt, info), delay);
  }

  private async reconnect(attempt: number, giveUpAt: number, info: CloseInfo): Promise<void> {
    if (this.closing) return;
    let client: RelayClient;
    try {
      client = await OnlineSession.open(this.options, this.token);
    } catch (error) {
      const closed = error instanceof RelayClosedError ? error.close : info;
      if (finalCloseCodes.has(closed.code)) this.giveUp(`The relay refused to reconnect (${closed.name}${closed.reason === '' ? '' : `: ${closed.reason}`}).`);
      else this.retry(attempt + 1, giveUpAt, closed);
      return;
    }
    if (this.closing) return client.close(1000, 'client closed');
    this.client = client;
    this.attach(client);
    this.reconnects++;
    const room = this.roomView;
    if (room !== null) {
      try {
        // The relay holds our seat for its grace period and gives it back to the same player.
        await client.joinRoom({ code: room.code, simBuild: room.simBuild, role: room.role === 'player' ? Role.player : Role.spectator });
      } catch (error) {
        // Closed again: its close handler retries.
        if (!(error instanceof RoomRequestError)) return;
        this.left();
        this.events.emit('roomLeft', { code: room.code });
        if (error.error !== RoomError.notFound) this.events.emit('error', error);
      }
    }
    this.events.emit('connection', { state: 'connected', attempt: attempt + 1, message: 'Reconnected.' });
  }

  private giveUp(message: string): void {
    this.gone = true;
    clearTimeout(this.pingTimer);
    this.events.emit('connection', { state: 'gone', attempt: 0, message });
  }
}
