// A connection to the Tessera relay for the browser (the game's Web Worker) and for Node (bots):
// frames through protocol/messageCodec.ts, room requests as promises, inputs on a fast path.
// The WebSocket constructor is passed in, so nothing here needs Node or the DOM.
import { FrameError } from '../protocol/frame.ts';
import {
  type ClientMessage,
  CloseCode,
  type CreateRoom,
  type Input,
  type JoinRoom,
  type MatchStarted,
  MessageType,
  type QuickMatch,
  type RelayMessage,
  type RoomJoined,
  type RoomLeft,
  type Welcome,
} from '../protocol/generated/tessera.ts';
import { decodeRelayFrame, encodeMessage } from '../protocol/messageCodec.ts';
import { closeInfo, type CloseInfo } from './CloseInfo.ts';
import { RelayClosedError, RoomRequestError } from './RelayErrors.ts';
import type { RelaySocket, RelaySocketConstructor } from './RelaySocket.ts';

export type RelayMessageOf<Name extends RelayMessage['type']> = Extract<RelayMessage, { type: Name }>;

export interface RelayClientOptions {
  /** The relay's WebSocket endpoint, e.g. ws://127.0.0.1:8080/ws. */
  readonly url: string;
  /** Sent as ?token=, the one place both browsers and Node can put it. */
  readonly token: string;
  /** The browser's WebSocket, or `ws`'s in Node. */
  readonly WebSocket: RelaySocketConstructor;
  /** Largest payload accepted from the relay (default 65536). */
  readonly maxPayload?: number;
  /** connect() gives up when no Welcome arrives within this (default 10000 ms). */
  readonly timeoutMs?: number;
}

/** A room request on its way: the message that answers it, or RoomRequestFailed naming its type id. */
interface PendingRequest {
  readonly request: number;
  readonly answer: RelayMessage['type'];
  readonly resolve: (message: RelayMessage) => void;
  readonly reject: (error: Error) => void;
}

type Listener = (message: RelayMessage) => void;

export class RelayClient {
  private seq = 0;
  private expectedSeq = 0;
  private welcomed: Welcome | undefined;
  private closedWith: CloseInfo | null = null;
  /** Set when this side closes, so listeners learn our code and reason, not the relay's echo. */
  private closingWith: CloseInfo | null = null;
  private readonly listeners = new Map<RelayMessage['type'], Set<Listener>>();
  private readonly closeListeners = new Set<(info: CloseInfo) => void>();
  private readonly pending: PendingRequest[] = [];
  /** Reused by sendInput: the codec's output is the only allocation per input. */
  private readonly input: Input = { type: 'Input', tick: 0, input: 0, clientTime: 0 };

  private constructor(
    private readonly socket: RelaySocket,
    private readonly maxPayload: number,
  ) {
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', this.receive);
    socket.addEventListener('close', this.ended);
    // An error event is always followed by a close event, which carries what there is to know.
    socket.addEventListener('error', () => {});
  }

  /** Opens the socket and resolves once the relay's Welcome arrives; rejects with RelayClosedError or on timeout. */
  static connect(options: RelayClientOptions): Promise<RelayClient> {
    const url = new URL(options.url);
    url.searchParams.set('token', options.token);
    const client = new RelayClient(new options.WebSocket(url.href), options.maxPayload ?? 65536);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        offWelcome();
        offClose();
      };
      const timer = setTimeout(() => {
        settle();
        client.close(1000, 'no Welcome in time');
        reject(new Error(`no Welcome from ${options.url} within ${timeoutMs} ms`));
      }, timeoutMs);
      const offWelcome = client.on('Welcome', () => {
        settle();
        resolve(client);
      });
      const offClose = client.onClose((info) => {
        settle();
        reject(new RelayClosedError(info));
      });
    });
  }

  /** The relay's Welcome: this player's id and name, the relay's limits and tick rate. */
  get welcome(): Welcome {
    if (this.welcomed === undefined) throw new Error('RelayClient.welcome read before the relay welcomed the client');
    return this.welcomed;
  }

  /** How the connection ended; null while it is open. */
  get closed(): CloseInfo | null {
    return this.closedWith;
  }

  /** Calls listener with every message of this type; returns the unsubscribe function. */
  on<Name extends RelayMessage['type']>(type: Name, listener: (message: RelayMessageOf<Name>) => void): () => void {
    let set = this.listeners.get(type);
    if (set === undefined) this.listeners.set(type, (set = new Set()));
    const entry = listener as Listener;
    set.add(entry);
    return () => set.delete(entry);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  createRoom(request: Omit<CreateRoom, 'type'>): Promise<RoomJoined> {
    return this.request({ type: 'CreateRoom', ...request }, 'RoomJoined');
  }

  joinRoom(request: Omit<JoinRoom, 'type'>): Promise<RoomJoined> {
    return this.request({ type: 'JoinRoom', ...request }, 'RoomJoined');
  }

  quickMatch(request: Omit<QuickMatch, 'type'>): Promise<RoomJoined> {
    return this.request({ type: 'QuickMatch', ...request }, 'RoomJoined');
  }

  leaveRoom(): Promise<RoomLeft> {
    return this.request({ type: 'LeaveRoom' }, 'RoomLeft');
  }

  /** The owner starts the match before every seat is taken. */
  startMatch(): Promise<MatchStarted> {
    return this.request({ type: 'StartMatch' }, 'MatchStarted');
  }

  /** One input for one tick; clientTime comes back in the Frames that confirm it. */
  sendInput(tick: number, input: number, clientTime: number): void {
    this.input.tick = tick;
    this.input.input = input;
    this.input.clientTime = clientTime;
    this.send(this.input);
  }

  /** Any client message, e.g. a Ping (the Pong goes to 'Pong' listeners). */
  send(message: ClientMessage): void {
    // encodeFrame allocates a fresh ArrayBuffer; the DOM's send() type insists on knowing that.
    this.socket.send(encodeMessage(message, this.seq) as Uint8Array<ArrayBuffer>);
    this.seq = (this.seq + 1) & 0xffff;
  }

  close(code = 1000, reason = ''): void {
    this.closingWith ??= closeInfo(code, reason, true);
    this.socket.close(code, reason);
  }

  private request<Answer extends RelayMessage['type']>(message: ClientMessage, answer: Answer): Promise<RelayMessageOf<Answer>> {
    return new Promise((resolve, reject) => {
      if (this.closedWith !== null) return reject(new RelayClosedError(this.closedWith));
      this.pending.push({ request: MessageType[message.type], answer, resolve: resolve as (message: RelayMessage) => void, reject });
      this.send(message);
    });
  }

  private readonly receive = (event: { readonly data: unknown }): void => {
    if (!(event.data instanceof ArrayBuffer)) return this.close(CloseCode.unexpectedMessage, 'relay sent a text message');
    let decoded: ReturnType<typeof decodeRelayFrame>;
    try {
      decoded = decodeRelayFrame(new Uint8Array(event.data), this.maxPayload);
    } catch (error) {
      if (error instanceof FrameError) return this.close(error.closeCode, error.message);
      throw error;
    }
    if (decoded.seq !== this.expectedSeq) {
      return this.close(CloseCode.badSequence, `relay frame seq ${decoded.seq}, expected ${this.expectedSeq}`);
    }
    this.expectedSeq = (this.expectedSeq + 1) & 0xffff;
    const message = decoded.message;
    if (message.type === 'Welcome') this.welcomed = message;
    if (this.pending.length > 0) this.settle(message);
    const listeners = this.listeners.get(message.type);
    if (listeners !== undefined) for (const listener of listeners) listener(message);
  };

  private settle(message: RelayMessage): void {
    const failed = message.type === 'RoomRequestFailed' ? message : undefined;
    const index = this.pending.findIndex((p) => (failed === undefined ? p.answer === message.type : p.request === failed.request));
    if (index < 0) return;
    const [request] = this.pending.splice(index, 1);
    if (failed === undefined) request!.resolve(message);
    else request!.reject(new RoomRequestError(failed.request, failed.error, failed.message));
  }

  private readonly ended = (event: { readonly code: number; readonly reason: string }): void => {
    const info = this.closingWith ?? closeInfo(event.code, event.reason, false);
    this.closedWith = info;
    for (const request of this.pending.splice(0)) request.reject(new RelayClosedError(info));
    for (const listener of this.closeListeners) listener(info);
  };
}
