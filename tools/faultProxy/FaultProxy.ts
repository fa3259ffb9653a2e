// A TCP proxy that makes a loopback link behave like a bad network, for tests and `npm run bots`:
// latency and jitter per direction, stalls, and cut connections. It forwards bytes, not messages,
// so anything over TCP (HTTP, WebSocket) goes through it unchanged but late.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mulberry32Float } from '../../host/mulberry32.ts';
import { DelayedPipe, type LinkDelay, type PipeControl } from './DelayedPipe.ts';

/** up: client → target; down: target → client. */
export type Direction = 'up' | 'down';

export interface FaultProxyOptions {
  readonly targetHost: string;
  readonly targetPort: number;
  readonly up?: LinkDelay;
  readonly down?: LinkDelay;
  /** Seeds the jitter PRNG (default 1): the same seed and the same chunks give the same delays. */
  readonly seed?: number;
}

export interface FaultProxyCounts {
  /** Connections accepted since the start. */
  readonly connections: number;
  /** Connections still open. */
  readonly open: number;
  /** Bytes delivered client → target and target → client. */
  readonly bytesUp: number;
  readonly bytesDown: number;
  /** Bytes read but not delivered yet (delayed or stalled), both directions. */
  readonly heldBytes: number;
}

interface ProxiedConnection {
  readonly id: number;
  readonly client: Socket;
  readonly target: Socket;
  readonly up: DelayedPipe;
  readonly down: DelayedPipe;
}

const noDelay: LinkDelay = { latencyMs: 0, jitterMs: 0 };

function checkDelay(direction: Direction, delay: LinkDelay): LinkDelay {
  const { latencyMs, jitterMs } = delay;
  if (!(latencyMs >= 0 && jitterMs >= 0 && Number.isFinite(latencyMs) && Number.isFinite(jitterMs))) {
    throw new RangeError(`${direction} latency and jitter must be finite and ≥ 0 ms, got ${latencyMs} ± ${jitterMs}`);
  }
  return { latencyMs, jitterMs };
}

export class FaultProxy {
  private readonly delays: Record<Direction, LinkDelay>;
  private readonly stalls: Record<Direction, number> = { up: 0, down: 0 };
  private readonly random: () => number;
  private readonly open = new Map<number, ProxiedConnection>();
  private accepted = 0;
  private readonly bytes: Record<Direction, number> = { up: 0, down: 0 };

  private constructor(
    private readonly server: Server,
    private readonly options: FaultProxyOptions,
  ) {
    this.delays = { up: checkDelay('up', options.up ?? noDelay), down: checkDelay('down', options.down ?? noDelay) };
    this.random = mulberry32Float(options.seed ?? 1);
    server.on('connection', (client) => this.accept(client));
  }

  /** Listens on 127.0.0.1 at a free port; every connection is forwarded to the target. */
  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    // Half-open allowed: a side that ends its writing still gets the bytes the other side has in flight.
    const server = createServer({ noDelay: true, allowHalfOpen: true });
    const proxy = new FaultProxy(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fault proxy is not listening');
    return address.port;
  }

  /** "127.0.0.1:PORT", to put in a URL in place of the target's host:port. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get counts(): FaultProxyCounts {
    let heldBytes = 0;
    for (const { up, down } of this.open.values()) heldBytes += up.heldBytes + down.heldBytes;
    return { connections: this.accepted, open: this.open.size, bytesUp: this.bytes.up, bytesDown: this.bytes.down, heldBytes };
  }

  /** Ids of the open connections, oldest first (for cut). */
  get connectionIds(): number[] {
    return [...this.open.keys()];
  }

  /** Changes a direction's delay for chunks read from now on (queued ones keep theirs). */
  setDelay(direction: Direction, delay: LinkDelay): void {
    this.delays[direction] = checkDelay(direction, delay);
  }

  /** Holds every byte in that direction, on every connection, for ms from now; a longer stall already on wins. */
  stall(direction: Direction, ms: number): void {
    this.stalls[direction] = Math.max(this.stalls[direction], performance.now() + ms);
  }

  /**
   * Resets one connection (or all of them): both sockets get a TCP RST, queued bytes are dropped,
   * as when a network path dies. Returns how many were cut.
   */
  cut(connectionId?: number): number {
    const victims = connectionId === undefined ? [...this.open.values()] : [this.open.get(connectionId)].filter((c) => c !== undefined);
    for (const connection of victims) this.drop(connection);
    return victims.length;
  }

  /** Stops listening and cuts every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.cut();
    await closed;
  }

  private accept(client: Socket): void {
    const id = ++this.accepted;
    client.setNoDelay(true);
    const target = connect({ host: this.options.targetHost, port: this.options.targetPort, noDelay: true, allowHalfOpen: true });
    const control = (direction: Direction): PipeControl => ({
      delay: () => this.delays[direction],
      stalledUntil: () => this.stalls[direction],
      random: this.random,
      delivered: (bytes) => (this.bytes[direction] += bytes),
    });
    const connection: ProxiedConnection = {
      id,
      client,
      target,
      up: new DelayedPipe(client, target, control('up')),
      down: new DelayedPipe(target, client, control('down')),
    };
    this.open.set(id, connection);
    // An error on either side ends the pair at once. An orderly end travels through the pipes
    // behind the bytes still delayed, and the pair is gone once both sockets have closed.
    for (const socket of [client, target]) socket.on('error', () => this.drop(connection));
    client.once('close', () => this.closed(connection, connection.down));
    target.once('close', () => this.closed(connection, connection.up));
  }

  /** One side closed: nothing more can be written to it. */
  private closed(connection: ProxiedConnection, pipeInto: DelayedPipe): void {
    pipeInto.dispose();
    if (connection.client.closed && connection.target.closed) this.open.delete(connection.id);
  }

  private drop(connection: ProxiedConnection): void {
    if (!this.open.delete(connection.id)) return;
    connection.up.dispose();
    connection.down.dispose();
    connection.client.resetAndDestroy();
    connection.target.resetAndDestroy();
  }
}
