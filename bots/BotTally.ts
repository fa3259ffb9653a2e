import { LatencyHistogram, type LatencySnapshot } from './LatencyHistogram.ts';

/** Everything one worker thread counted, as plain data for postMessage. */
export interface BotTallySnapshot {
  readonly counts: BotCounts;
  readonly pairLatency: LatencySnapshot;
  readonly ownRoundTrip: LatencySnapshot;
  /** Unexpected closes by label ("4015 tooSlow"). */
  readonly closes: Readonly<Record<string, number>>;
}

/** Counters over the measuring window (by the tick's due time), plus errors over the whole run. */
export interface BotCounts {
  /** Bundle messages (Frames) received during the window. */
  bundles: number;
  /** Inputs sent for window ticks. */
  sent: number;
  /** Input sends the senders skipped because they fell behind (window ticks). */
  skipped: number;
  /** (input, receiving member) pairs of window ticks that arrived carrying the sender's real input. */
  deliveries: number;
  /** Σ inputs sent × members of the room: the deliveries a perfect relay makes. */
  expectedDeliveries: number;
  /** Own window inputs that came back confirmed as sent. */
  ownConfirmed: number;
  /** Own window inputs that were sent but came back repeated (the relay marked the seat lagging). */
  ownRepeated: number;
  roomRequestsFailed: number;
  decodeErrors: number;
  /** Bots whose room could not be opened (token, connect, join or match start failed or timed out). */
  connectFailed: number;
}

/** One worker thread's counters and histograms; the main thread adds them up. */
export class BotTally {
  readonly counts: BotCounts = {
    bundles: 0,
    sent: 0,
    skipped: 0,
    deliveries: 0,
    expectedDeliveries: 0,
    ownConfirmed: 0,
    ownRepeated: 0,
    roomRequestsFailed: 0,
    decodeErrors: 0,
    connectFailed: 0,
  };
  /** Receive time − sender timestamp over every delivered (input, member) pair. */
  readonly pairLatency = new LatencyHistogram();
  /** The same for a bot's own input only: its round trip through the relay. */
  readonly ownRoundTrip = new LatencyHistogram();
  readonly closes = new Map<string, number>();

  closed(label: string): void {
    this.closes.set(label, (this.closes.get(label) ?? 0) + 1);
  }

  snapshot(): BotTallySnapshot {
    return {
      counts: { ...this.counts },
      pairLatency: this.pairLatency.snapshot(),
      ownRoundTrip: this.ownRoundTrip.snapshot(),
      closes: Object.fromEntries(this.closes),
    };
  }

  add(other: BotTallySnapshot): void {
    for (const key of Object.keys(this.counts) as (keyof BotCounts)[]) this.counts[key] += other.counts[key];
    this.pairLatency.add(other.pairLatency);
    this.ownRoundTrip.add(other.ownRoundTrip);
    for (const [label, count] of Object.entries(other.closes)) this.closes.set(label, (this.closes.get(label) ?? 0) + count);
  }
}
