// One client socket, from upgrade to close: authentication (token on the request, or an Auth
// message within the grace period), frame checks, sequence numbers, rate limits, back-pressure,
// and the room member the RoomService sends to. Whatever a client sends, the worst outcome is
// that its own socket closes with a code and reason saying why: nothing here throws into `ws`.

import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { FrameError, HEADER_BYTES, encodeFrame } from '../../protocol/frame.ts';
import { decodeClientFrame } from '../../protocol/messageCodec.ts';
import { CloseCode, MessageType, encodePayload, type ClientMessage, type RelayMessage } from '../../protocol/generated/tessera.ts';
import { AuthError } from '../auth/AuthError.ts';
import type { Authenticator } from '../auth/Authenticator.ts';
import { originAllowed } from '../auth/originAllowed.ts';
import { tokenFromRequest } from '../auth/tokenFromRequest.ts';
import type { VerifiedToken } from '../auth/VerifiedToken.ts';
import { BURST_SECONDS, type RelayConfig } from '../config.ts';
import type { RelayLog } from '../log.ts';
import type { RoomMember } from '../rooms/RoomMember.ts';
import type { RoomRequest, RoomService } from '../rooms/RoomService.ts';
import { RelayStats } from '../stats.ts';
import { truncateUtf8 } from '../truncateUtf8.ts';
import type { ConnectionRegistry } from './ConnectionRegistry.ts';
import { TokenBucket } from './TokenBucket.ts';

export interface ConnectionContext {
  config: RelayConfig;
  authenticate: Authenticator;
  rooms: Pick<RoomService, 'handle' | 'disconnect' | 'pingChanged'>;
  registry: ConnectionRegistry;
  stats: RelayStats;
  log: RelayLog;
  /** Monotonic ms (performance.now): the same clock the rooms run on. */
  clock: () => number;
}

/** Payloads from this size may be sent deflated; below it the CPU costs more than the bytes saved. */
const COMPRESS_FROM_BYTES = 1024;
/** How long a closed socket may take to answer the close frame before it is cut (a client that stopped reading never will). */
const CLOSE_HANDSHAKE_MS = 1000;
/** Member.pingMs is a u16. */
const MAX_PING_MS = 0xffff;
/** A ping change smaller than this (and than 20 %) is not broadcast: jitter is not news. */
const PING_SHOWN_STEP_MS = 5;
/** RFC 6455 limit for a close reason. */
const MAX_CLOSE_REASON_BYTES = 123;
/** RFC 6455 codes the relay uses besides its own. */
const PROTOCOL_ERROR = 1002;
const UNSUPPORTED_DATA = 1003;
const INTERNAL_ERROR = 1011;
/** The close code ws sends for the errors it detects itself (it does not export its mapping). */
const WS_ERROR_CLOSE_CODES: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
};

type State = 'awaitingToken' | 'verifying' | 'open' | 'closed';

let nextConnectionId = 1;

/** Deflated from COMPRESS_FROM_BYTES on, when that comes out smaller (Frames batches do; random bytes do not). */
function frameFor(typeId: number, seq: number, payload: Uint8Array): Uint8Array {
  if (payload.length < COMPRESS_FROM_BYTES) return encodeFrame(typeId, seq, payload);
  const deflated = encodeFrame(typeId, seq, payload, { compress: true });
  return deflated.length < HEADER_BYTES + payload.length ? deflated : encodeFrame(typeId, seq, payload);
}

export class RelayConnection implements RoomMember {
  readonly id = nextConnectionId++;
  playerId = '';
  name = '';
  /** The verified token, once authenticated (revocation checks read it). */
  token: VerifiedToken | null = null;
  /** Last time anything (message, ping, pong) arrived: the idle timeout counts from here. */
  lastHeardAt: number;
  /** Heartbeat round trip in ms (RoomMember.pingMs). */
  pingMs = 0;

  private state: State = 'awaitingToken';
  /** Frames that arrived while the token was being verified, handled once it is. */
  private readonly held: Buffer[] = [];
  private expectedSeq = 0;
  private sendSeq = 0;
  private readonly openedAt: number;
  private readonly messageBudget: TokenBucket;
  private readonly byteBudget: TokenBucket;
  private authGraceTimer: NodeJS.Timeout | undefined;
  /** When the heartbeat ping in flight went out (0: none). */
  private pingSentAt = 0;
  /** The pingMs the rooms last showed. */
  private shownPingMs = 0;
  /** What the relay closed with, for the close log line (null: the client closed). */
  private closedBy: { code: number; reason: string } | null = null;
  private log: RelayLog;

  constructor(
    private readonly socket: WebSocket,
    request: IncomingMessage,
    private readonly context: ConnectionContext,
  ) {
    const { config, clock } = context;
    this.openedAt = this.lastHeardAt = clock();
    this.messageBudget = new TokenBucket(config.maxMessagesPerS, config.maxMessagesPerS * BURST_SECONDS, this.openedAt);
    this.byteBudget = new TokenBucket(config.maxBytesPerS, config.maxBytesPerS * BURST_SECONDS, this.openedAt);
    this.log = context.log.child({ conn: this.id });
    context.stats.connectionsOpened++;
    context.registry.add(this);

    socket.on('message', (data, isBinary) => {
      try {
        this.receive(data, isBinary);
      } catch (error) {
        this.internalError(error);
      }
    });
    socket.on('ping', () => (this.lastHeardAt = clock()));
    socket.on('pong', () => this.guard(() => this.pong(clock())));
    socket.on('error', (error) => this.guard(() => this.socketError(error)));
    socket.on('close', (code, reason) => this.guard(() => this.closed(code, reason.toString())));

    const origin = request.headers.origin;
    this.log.info({ remote: request.socket.remoteAddress, origin }, 'connection opened');
    this.guard(() => this.start(request, origin));
  }

  send(message: RelayMessage): void {
    this.sendPayload(MessageType[message.type], encodePayload(message));
  }

  sendPayload(typeId: number, payload: Uint8Array): void {
    if (this.state !== 'open') return; // a room may still address a member whose socket just closed
    const frame = frameFor(typeId, this.sendSeq, payload);
    this.sendSeq = (this.sendSeq + 1) & 0xffff;
    this.socket.send(frame);
    this.context.stats.messagesOut++;
    this.context.stats.bytesOut += frame.length;
    if (this.socket.bufferedAmount > this.context.config.maxBufferedBytes) {
      this.close(CloseCode.tooSlow, `not reading: ${this.socket.bufferedAmount} bytes queued (limit ${this.context.config.maxBufferedBytes})`);
    }
  }

  /** Closes with a code and reason; the socket is cut if the client does not answer the close frame. */
  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.detach();
    this.closedBy = { code, reason };
    this.socket.close(code, truncateUtf8(reason, MAX_CLOSE_REASON_BYTES));
    setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_MS).unref();
  }

  /** The heartbeat's probe: a client's ws library answers with a pong, which counts as activity and times the round trip. */
  ping(): void {
    this.pingSentAt = this.context.clock();
    this.socket.ping();
  }

  private pong(now: number): void {
    this.lastHeardAt = now;
    if (this.pingSentAt === 0) return; // unsolicited (RFC 6455 allows it): nothing to time
    this.pingMs = Math.min(MAX_PING_MS, Math.round(now - this.pingSentAt));
    this.pingSentAt = 0;
    // One pong per heartbeat at most, and only a change a player would notice is shown.
    if (this.state === 'open' && Math.abs(this.pingMs - this.shownPingMs) >= Math.max(PING_SHOWN_STEP_MS, this.shownPingMs * 0.2)) {
      this.shownPingMs = this.pingMs;
      this.context.rooms.pingChanged(this);
    }
  }

  private start(request: IncomingMessage, origin: string | undefined): void {
    let token: string | null;
    try {
      if (!originAllowed(this.context.config.allowedOrigins, origin, request.headers.host)) {
        throw new AuthError(CloseCode.originNotAllowed, `origin ${truncateUtf8(origin ?? '', 80)} is not allowed`);
      }
      token = tokenFromRequest(request);
    } catch (error) {
      return this.refuse(error);
    }
    if (token !== null) return void this.verify(token);
    const graceMs = this.context.config.authGraceMs;
    this.authGraceTimer = setTimeout(
      () => this.guard(() => this.refuse(new AuthError(CloseCode.authMissing, `no token: none in the URL or Authorization header, and no Auth message within ${graceMs} ms`))),
      graceMs,
    );
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const bytes = data as Buffer; // binaryType 'nodebuffer' (the default): always one Buffer
    const { stats, config, clock } = this.context;
    const now = (this.lastHeardAt = clock());
    stats.messagesIn++;
    stats.bytesIn += bytes.length;
    if (!this.messageBudget.take(1, now)) {
      return this.rejectFrame(CloseCode.messageRateExceeded, `over ${config.maxMessagesPerS} messages/s (burst ${config.maxMessagesPerS * BURST_SECONDS})`);
    }
    if (!this.byteBudget.take(bytes.length, now)) {
      return this.rejectFrame(CloseCode.byteRateExceeded, `over ${config.maxBytesPerS} bytes/s (burst ${config.maxBytesPerS * BURST_SECONDS})`);
    }
    if (!isBinary) return this.rejectFrame(UNSUPPORTED_DATA, 'text message: the relay speaks binary frames only');
    if (this.state === 'verifying') this.held.push(bytes);
    else this.handleFrame(bytes);
  }

  private handleFrame(bytes: Buffer): void {
    let seq: number;
    let message: ClientMessage;
    try {
      ({ seq, message } = decodeClientFrame(bytes, this.context.config.maxPayload));
    } catch (error) {
      if (error instanceof FrameError) return this.rejectFrame(error.closeCode, error.message);
      throw error;
    }
    if (seq !== this.expectedSeq) return this.rejectFrame(CloseCode.badSequence, `frame seq ${seq}, expected ${this.expectedSeq}`);
    this.expectedSeq = (seq + 1) & 0xffff;
    this.handleMessage(message);
  }

  private handleMessage(message: ClientMessage): void {
    if (this.state === 'awaitingToken') {
      if (message.type !== 'Auth') {
        return this.refuse(new AuthError(CloseCode.authMissing, `no token: first message is ${message.type}; send Auth first or put the token in the URL`));
      }
      clearTimeout(this.authGraceTimer);
      return void this.verify(message.token);
    }
    switch (message.type) {
      case 'Auth':
        return this.rejectFrame(CloseCode.unexpectedMessage, 'Auth after authentication: send it once, first, and only without a token in the URL');
      case 'Ping':
        return this.send({ type: 'Pong', clientTime: message.clientTime, relayTime: this.context.clock() });
      default:
        return this.context.rooms.handle(this, message satisfies RoomRequest);
    }
  }

  private async verify(token: string): Promise<void> {
    this.state = 'verifying';
    let verified: VerifiedToken;
    try {
      verified = await this.context.authenticate(token);
    } catch (error) {
      return this.guard(() => this.refuse(error));
    }
    this.guard(() => this.admit(verified));
  }

  private admit(verified: VerifiedToken): void {
    if (this.state === 'closed') return; // the client left while its token was checked
    const { config, registry } = this.context;
    this.token = verified;
    this.playerId = verified.playerId;
    this.name = verified.name;
    this.log = this.log.child({ playerId: verified.playerId });
    this.state = 'open';
    registry.admit(this);
    this.log.info({ name: verified.name, jti: verified.jti }, 'authenticated');
    this.send({
      type: 'Welcome',
      playerId: verified.playerId,
      name: verified.name,
      maxPayload: config.maxPayload,
      heartbeatMs: config.heartbeatMs,
      idleTimeoutMs: config.idleTimeoutMs,
      tickRate: config.tickRate,
    });
    for (const bytes of this.held.splice(0)) {
      if (this.state !== 'open') break;
      this.handleFrame(bytes);
    }
  }

  /** Authentication failed: the upgrade is complete (browsers cannot read an HTTP status), so close with why. */
  private refuse(error: unknown): void {
    if (this.state === 'closed') return;
    if (!(error instanceof AuthError)) throw error;
    RelayStats.count(this.context.stats.authRejections, error.closeCode);
    this.log.warn({ code: error.closeCode, reason: error.message }, 'auth rejected');
    this.close(error.closeCode, error.message);
  }

  private rejectFrame(code: number, reason: string): void {
    RelayStats.count(this.context.stats.rejectedFrames, code);
    this.log.warn({ code, reason }, 'frame rejected');
    this.close(code, reason);
  }

  /** ws reports a protocol violation (oversize message, bad opcode, …) and closes the socket itself. */
  private socketError(error: Error & { code?: string }): void {
    if (this.state === 'closed') return;
    const code = WS_ERROR_CLOSE_CODES[error.code ?? ''] ?? PROTOCOL_ERROR;
    RelayStats.count(this.context.stats.rejectedFrames, code);
    this.log.warn({ code, reason: error.message, wsError: error.code }, 'frame rejected');
    this.detach();
    this.closedBy = { code, reason: error.message };
  }

  private closed(code: number, reason: string): void {
    this.detach();
    const closedBy = this.closedBy;
    RelayStats.count(this.context.stats.connectionsClosed, closedBy?.code ?? code);
    this.log.info(
      { code: closedBy?.code ?? code, reason: closedBy?.reason ?? reason, by: closedBy ? 'relay' : 'client', seconds: Math.round(this.context.clock() - this.openedAt) / 1000 },
      'connection closed',
    );
  }

  /** Leaves the room and the registry at once, so nothing more is sent to or handled from this socket. */
  private detach(): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    clearTimeout(this.authGraceTimer);
    this.held.length = 0;
    this.context.registry.remove(this);
    // Deferred: a close can start inside a room's send loop (tooSlow), which must not be re-entered.
    if (wasOpen) queueMicrotask(() => this.guard(() => this.context.rooms.disconnect(this)));
  }

  /** Runs a handler so that a bug or a hostile client costs this one socket, never the relay. */
  private guard(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.internalError(error);
    }
  }

  private internalError(error: unknown): void {
    this.log.error({ err: error }, 'internal error handling a connection');
    if (this.state !== 'closed') this.close(INTERNAL_ERROR, 'internal relay error');
    else this.socket.terminate();
  }
}
