import { Histogram, type HistogramSnapshot } from './Histogram.ts';

/** Everything one worker thread counted, as plain data for postMessage. */
export interface BotTallySnapshot {
  readonly counts: BotCounts;
  readonly pairLatency: HistogramSnapshot;
  readonly ownRoundTrip: HistogramSnapshot;
  readonly rollbackDepth: HistogramSnapshot;
  readonly inputDelay: HistogramSnapshot;
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
  /** Relay messages that did not decode (the bot closed) or that a bot's session could not apply. */
  decodeErrors: number;
  /** Bots whose room could not be opened (token, connect, join or match start failed or timed out). */
  connectFailed: number;
  /** Rollback sessions (--sim) only; the first three over the window, the rest over the whole run. */
  rollbacks: number;
  resimulatedTicks: number;
  /** Times a session's frame stopped at its prediction window (RollbackSession stats.stalls). */
  stalls: number;
  desyncs: number;
  /** Relay snapshots applied: after a desync, a late join or a reconnect. */
  resyncs: number;
  reconnects: number;
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
    rollbacks: 0,
    resimulatedTicks: 0,
    stalls: 0,
    desyncs: 0,
    resyncs: 0,
    reconnects: 0,
  };
  /** Receive time − sender timestamp over every delivered (input, member) pair. */
  readonly pairLatency = Histogram.latencyMs();
  /** The same for a bot's own input only: its round trip through the relay. */
  readonly ownRoundTrip = Histogram.latencyMs();
  /** Ticks re-simulated per rollback (--sim). */
  readonly rollbackDepth = Histogram.ticks();
  /** The input delay each bot's match chose from its link (--sim), one per bot. */
  readonly inputDelay = Histogram.ticks();
  readonly closes = new Map<string, number>();

  closed(label: string): void {
    this.closes.set(label, (this.closes.get(label) ?? 0) + 1);
  }

  snapshot(): BotTallySnapshot {
    return {
      counts: { ...this.counts },
      pairLatency: this.pairLatency.snapshot(),
      ownRoundTrip: this.ownRoundTrip.snapshot(),
      rollbackDepth: this.rollbackDepth.snapshot(),
      inputDelay: this.inputDelay.snapshot(),
      closes: Object.fromEntries(this.closes),
    };
  }

  add(other: BotTallySnapshot): void {
    for (const key of Object.keys(this.counts) as (keyof BotCounts)[]) this.counts[key] += other.counts[key];
    this.pairLatency.add(other.pairLatency);
    this.ownRoundTrip.add(other.ownRoundTrip);
    this.rollbackDepth.add(other.rollbackDepth);
    this.inputDelay.add(other.inputDelay);
    for (const [label, count] of Object.entries(other.closes)) this.closes.set(label, (this.closes.get(label) ?? 0) + count);
  }
}
