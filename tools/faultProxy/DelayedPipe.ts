// One direction of one proxied connection: bytes read from `source` are written to `sink` after a
// delay. TCP never reorders, so a chunk is never delivered before the one ahead of it: its
// delivery time is max(previous delivery, arrival + latency ± jitter), which the queue gives by
// itself, since only its head is ever delivered. A stall holds everything
// queued (and everything arriving) until it ends, then the backlog goes out at once, as a real
// link that stopped and recovered would deliver it.
import type { Socket } from 'node:net';

/** Delay settings of one direction; jitter is uniform in [-jitterMs, +jitterMs]. */
export interface LinkDelay {
  readonly latencyMs: number;
  readonly jitterMs: number;
}

/** What the pipe reads from the proxy as it runs: settings may change between chunks. */
export interface PipeControl {
  delay(): LinkDelay;
  /** Local time (performance.now()) before which nothing is delivered. */
  stalledUntil(): number;
  /** Uniform in [0, 1): the proxy's seeded PRNG, so a run's jitter is reproducible. */
  random(): number;
  delivered(bytes: number): void;
}

/** Past this much queued, the source is paused: a slow direction holds memory bounded, as TCP's window would. */
const highWaterBytes = 1 << 20;

interface QueuedChunk {
  readonly bytes: Buffer;
  readonly deliverAt: number;
}

export class DelayedPipe {
  private readonly queue: QueuedChunk[] = [];
  private head = 0;
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private sourceEnded = false;

  constructor(
    private readonly source: Socket,
    private readonly sink: Socket,
    private readonly control: PipeControl,
  ) {
    source.on('data', (bytes: Buffer) => this.enqueue(bytes));
    source.once('end', () => {
      this.sourceEnded = true;
      this.flush();
    });
  }

  /** Bytes read but not yet delivered. */
  get heldBytes(): number {
    return this.queuedBytes;
  }

  /** Drops whatever is queued; the sockets are the proxy's to destroy. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
  }

  private enqueue(bytes: Buffer): void {
    const { latencyMs, jitterMs } = this.control.delay();
    const jitter = jitterMs === 0 ? 0 : (2 * this.control.random() - 1) * jitterMs;
    this.queue.push({ bytes, deliverAt: performance.now() + Math.max(0, latencyMs + jitter) });
    this.queuedBytes += bytes.length;
    if (this.queuedBytes > highWaterBytes) this.source.pause();
    this.flush();
  }

  /** Delivers every chunk that is due and not stalled, then sleeps until the next one is. */
  private readonly flush = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sink.destroyed) return;
    const now = performance.now();
    const stalledUntil = this.control.stalledUntil();
    while (this.head < this.queue.length && now >= stalledUntil) {
      const chunk = this.queue[this.head]!;
      if (chunk.deliverAt > now) break;
      this.head++;
      this.queuedBytes -= chunk.bytes.length;
      this.sink.write(chunk.bytes);
      this.control.delivered(chunk.bytes.length);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if (this.queuedBytes <= highWaterBytes && this.source.isPaused()) this.source.resume();
    if (this.head < this.queue.length) {
      const wakeAt = Math.max(this.queue[this.head]!.deliverAt, stalledUntil);
      this.timer = setTimeout(this.flush, Math.max(0, wakeAt - now));
    } else if (this.sourceEnded) {
      this.sink.end();
    }
  };
}
