// A bare protocol client for the relay tests: `ws` on 127.0.0.1, frames from protocol/, every wait
// bounded. It can also send what no real client would (raw bytes, wrong seq), which is the point.

import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { readWasmFile } from '../../host/readWasmFile.ts';
import { simBuildId } from '../../host/Sim.ts';
import { type FrameOptions } from '../../protocol/frame.ts';
import { decodeRelayFrame, encodeMessage } from '../../protocol/messageCodec.ts';
import { Role, type ClientMessage, type RelayMessage } from '../../protocol/generated/tessera.ts';

export interface Closed {
  code: number;
  reason: string;
}

export interface Received {
  message: RelayMessage;
  /** performance.now() on arrival. */
  at: number;
  /** The frame header's flags byte (compressed, CRC). */
  flags: number;
}

export interface ConnectOptions {
  /** Sent as ?token=. */
  token?: string;
  headers?: Record<string, string>;
  origin?: string;
  /** false: ws does not answer the relay's pings (a client that stopped responding). */
  autoPong?: boolean;
}

type MessageOf<T extends RelayMessage['type']> = Extract<RelayMessage, { type: T }>;

/** Relay frames are read with a generous limit: the test checks the relay, not its own limits. */
const READ_LIMIT = 1 << 20;
export const DEFAULT_WAIT_MS = 3000;

export class RelayTestClient {
  /** Every decoded message, in arrival order. */
  readonly received: Received[] = [];
  readonly closed: Promise<Closed>;
  private seq = 0;
  private taken = new Set<Received>();
  private listeners = new Set<() => void>();
  /** A relay frame that failed to decode or broke the relay's seq order (the test fails on it). */
  decodeError: Error | null = null;
  private expectedRelaySeq = 0;

  private constructor(readonly socket: WebSocket) {
    socket.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('error', () => {}); // a refused socket also closes; the close is what tests look at
    socket.on('message', (data: Buffer) => {
      try {
        const { seq, message } = decodeRelayFrame(new Uint8Array(data), READ_LIMIT);
        if (seq !== this.expectedRelaySeq) throw new Error(`relay frame seq ${seq}, expected ${this.expectedRelaySeq}`);
        this.expectedRelaySeq = (seq + 1) & 0xffff;
        this.received.push({ message, at: performance.now(), flags: data[3]! });
      } catch (error) {
        this.decodeError ??= error as Error;
      }
      for (const listener of this.listeners) listener();
    });
  }

  static connect(wsUrl: string, options: ConnectOptions = {}): Promise<RelayTestClient> {
    const url = options.token === undefined ? wsUrl : `${wsUrl}?token=${encodeURIComponent(options.token)}`;
    const socket = new WebSocket(url, {
      headers: options.headers,
      origin: options.origin,
      autoPong: options.autoPong ?? true,
      perMessageDeflate: false,
    });
    const client = new RelayTestClient(socket);
    return withTimeout(
      new Promise<RelayTestClient>((resolve, reject) => {
        socket.once('open', () => resolve(client));
        socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)));
      }),
      DEFAULT_WAIT_MS,
      `connecting to ${wsUrl}`,
    );
  }

  /** Connects with a token in the URL and waits for Welcome. */
  static async welcomed(wsUrl: string, token: string): Promise<RelayTestClient> {
    const client = await RelayTestClient.connect(wsUrl, { token });
    await client.next('Welcome');
    return client;
  }

  /** Frames and sends a message with this client's next seq. */
  send(message: ClientMessage, options?: FrameOptions): void {
    this.sendBytes(encodeMessage(message, this.seq++, options));
  }

  /** The seq the next `send` will use (for hand-made frames that should pass the seq check). */
  takeSeq(): number {
    return this.seq++;
  }

  sendBytes(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  /** The first message of this type not returned before (already received or still to come). */
  next<T extends RelayMessage['type']>(type: T, timeoutMs = DEFAULT_WAIT_MS): Promise<MessageOf<T>> {
    return this.nextMatching(type, () => true, timeoutMs);
  }

  nextMatching<T extends RelayMessage['type']>(type: T, matches: (message: MessageOf<T>) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<MessageOf<T>> {
    const find = (): MessageOf<T> | undefined => {
      if (this.decodeError) throw this.decodeError;
      const found = this.received.find((r) => !this.taken.has(r) && r.message.type === type && matches(r.message as MessageOf<T>));
      if (!found) return undefined;
      this.taken.add(found);
      return found.message as MessageOf<T>;
    };
    return withTimeout(
      new Promise((resolve, reject) => {
        const check = (): void => {
          try {
            const message = find();
            if (message === undefined) return;
            this.listeners.delete(check);
            resolve(message);
          } catch (error) {
            this.listeners.delete(check);
            reject(error);
          }
        };
        this.listeners.add(check);
        check();
      }),
      timeoutMs,
      `waiting for ${type}`,
    );
  }

  /** The close code and reason, within timeoutMs. */
  closedWithin(timeoutMs = DEFAULT_WAIT_MS): Promise<Closed> {
    return withTimeout(this.closed, timeoutMs, 'waiting for the relay to close the socket');
  }

  close(): void {
    this.socket.terminate();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- tokens -----------------------------------------------------------------------------------

/** The secret the test relays are started with (JWT_SECRET). */
export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long';
export const TEST_ISSUER = 'tessera';
export const TEST_AUDIENCE = 'tessera-relay';

export interface TokenOptions {
  sub?: string;
  name?: string;
  jti?: string;
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  secret?: string;
}

let playerCounter = 0;

/** An HS256 token the test relays accept, unless an option makes it wrong on purpose. */
export function signToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(options.name === undefined ? {} : { name: options.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? `player-${process.pid}-${++playerCounter}`)
    .setIssuer(options.issuer ?? TEST_ISSUER)
    .setAudience(options.audience ?? TEST_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.expiresAt ?? now + 600);
  if (options.jti !== undefined) jwt.setJti(options.jti);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

// ---- rooms ------------------------------------------------------------------------------------

/** The build the test relays verify with (build/tessera.wasm): rooms of any other build are refused. */
export const TEST_BUILD = await simBuildId(await readWasmFile('tessera.wasm'));

/** The settings of the rooms createRoom makes. */
export const TEST_SETTINGS = { seed: 1, matchTicks: 0, orbs: 10 } as const;

/** A new room of `maxPlayers` created by `owner`; autoStart (default), so it runs once every seat is taken. */
export async function createRoom(owner: RelayTestClient, maxPlayers: number, autoStart = true): Promise<string> {
  owner.send({ type: 'CreateRoom', simBuild: TEST_BUILD, maxPlayers, autoStart, settings: TEST_SETTINGS });
  return (await owner.next('RoomJoined')).code;
}

export async function joinRoom(client: RelayTestClient, code: string, role: Role = Role.player): Promise<void> {
  client.send({ type: 'JoinRoom', code, simBuild: TEST_BUILD, role });
  await client.next('RoomJoined');
}

/**
 * Sends this player's input for every tick at its nominal time (as a real client would), from
 * MatchStarted on (or, joining a running match, from `fromTick`, due at `startedAt`); returns a
 * function that stops it.
 */
export function playInputs(client: RelayTestClient, started: MessageOf<'MatchStarted'>, startedAt: number, fromTick = 0): () => void {
  const tickMs = 1000 / started.tickRate;
  const tick0At = startedAt + started.startsInMs - fromTick * tickMs;
  let tick = fromTick;
  const timer = setInterval(() => {
    if (client.socket.readyState !== WebSocket.OPEN) return;
    for (; tick0At + tick * tickMs <= performance.now(); tick++) client.send({ type: 'Input', tick, input: tick & 0xff, clientTime: performance.now() });
  }, 4);
  return () => clearInterval(timer);
}

/** The largest gap between consecutive Frames messages received after `since` (performance.now()). */
export function largestFramesGap(client: RelayTestClient, since: number, until = performance.now()): { gapMs: number; frames: number } {
  const times = client.received.filter((r) => r.message.type === 'Frames' && r.at >= since && r.at <= until).map((r) => r.at);
  let gapMs = times.length === 0 ? until - since : Math.max(times[0]! - since, until - times.at(-1)!);
  for (let i = 1; i < times.length; i++) gapMs = Math.max(gapMs, times[i]! - times[i - 1]!);
  return { gapMs, frames: times.length };
}

/** Every tick confirmed to this client, in order, with its lagging bits. */
export function confirmedTicks(client: RelayTestClient): { tick: number; lagging: number; at: number }[] {
  const ticks: { tick: number; lagging: number; at: number }[] = [];
  for (const { message, at } of client.received) {
    if (message.type !== 'Frames') continue;
    message.ticks.forEach((t, i) => ticks.push({ tick: message.firstTick + i, lagging: t.lagging, at }));
  }
  return ticks;
}

export interface RunningMatch {
  /** The room's players, each sending its input every tick. */
  players: RelayTestClient[];
  code: string;
  started: MessageOf<'MatchStarted'>;
  /** Stops the players' input loops and closes their sockets. */
  stop(): void;
}

/** A room of `seats` players, all connected and playing (inputs every tick) once this resolves. */
export async function runningMatch(wsUrl: string, seats: number, options: { silentSeats?: number } = {}): Promise<RunningMatch> {
  const players: RelayTestClient[] = [];
  for (let i = 0; i < seats; i++) players.push(await RelayTestClient.welcomed(wsUrl, await signToken({ name: `seat ${i}` })));
  const code = await createRoom(players[0]!, seats);
  for (const player of players.slice(1)) await joinRoom(player, code);
  const stops: (() => void)[] = [];
  let started: MessageOf<'MatchStarted'> | undefined;
  for (const [seat, player] of players.entries()) {
    started = await player.next('MatchStarted');
    const startedAt = player.received.find((r) => r.message === started)!.at;
    if (seat >= seats - (options.silentSeats ?? 0)) continue;
    stops.push(playInputs(player, started, startedAt));
  }
  return {
    players,
    code,
    started: started!,
    stop: () => {
      for (const stop of stops) stop();
      for (const player of players) player.close();
    },
  };
}
