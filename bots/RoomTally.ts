import type { BotTally } from './BotTally.ts';

/**
 * One room's view of the measuring window. A tick belongs to the window when its due time does
 * (start + tick·1000/60 ms), so sender and receivers classify every input alike without
 * exchanging anything. Adapters call these methods on their hot paths: no allocation.
 */
export class RoomTally {
  private firstWindowTick = 0;
  /** Until setWindow, the window is empty: nothing is counted but errors. */
  private endWindowTick = 0;
  private windowStart = Infinity;
  private windowEnd = -Infinity;
  /** Per window tick: a bit per seat whose bot sent it (a skipped tick is repeated by design, not dropped). */
  private sentTicks = new Uint8Array(0);
  private closedBots = 0;

  constructor(
    readonly tally: BotTally,
    readonly players: number,
  ) {}

  /** Bots still connected: the room's share of the CCU. */
  get connectedBots(): number {
    return this.players - this.closedBots;
  }

  /** startAt = local time tick 0 is due; the window is [windowStart, windowEnd) in local time. */
  setWindow(startAt: number, tickMs: number, windowStart: number, windowEnd: number): void {
    this.firstWindowTick = Math.max(0, Math.ceil((windowStart - startAt) / tickMs));
    this.endWindowTick = Math.max(this.firstWindowTick, Math.ceil((windowEnd - startAt) / tickMs));
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.sentTicks = new Uint8Array(this.endWindowTick - this.firstWindowTick);
  }

  private inWindow(tick: number): boolean {
    return tick >= this.firstWindowTick && tick < this.endWindowTick;
  }

  /** The room's bots, all together, sent `inputs` inputs for tick. */
  sent(tick: number, inputs: number): void {
    if (inputs === 0 || !this.inWindow(tick)) return;
    this.sentTicks[tick - this.firstWindowTick] = 0xff;
    this.count(inputs);
  }

  /** The bot in `seat` sent its input for tick (bots that each pick their own ticks, bots/simAdapter.ts). */
  sentBy(tick: number, seat: number): void {
    if (!this.inWindow(tick)) return;
    this.sentTicks[tick - this.firstWindowTick]! |= 1 << seat;
    this.count(1);
  }

  private count(inputs: number): void {
    this.tally.counts.sent += inputs;
    this.tally.counts.expectedDeliveries += inputs * this.players;
  }

  /** The sender fell behind and skipped ticks [fromTick, toTick) for `bots` bots. */
  skipped(fromTick: number, toTick: number, bots: number): void {
    const from = Math.max(fromTick, this.firstWindowTick);
    const to = Math.min(toTick, this.endWindowTick);
    if (to > from) this.tally.counts.skipped += (to - from) * bots;
  }

  bundle(receivedAt: number): void {
    if (this.timeInWindow(receivedAt)) this.tally.counts.bundles++;
  }

  /** The bot in receiverSeat got senderSeat's real input for tick, sent at sentAt. */
  delivered(receiverSeat: number, senderSeat: number, tick: number, sentAt: number, receivedAt: number): void {
    if (!this.inWindow(tick)) return;
    const latency = receivedAt - sentAt;
    this.tally.counts.deliveries++;
    this.tally.pairLatency.record(latency);
    if (receiverSeat === senderSeat) {
      this.tally.counts.ownConfirmed++;
      this.tally.ownRoundTrip.record(latency);
    }
  }

  /** The bot in receiverSeat got tick confirmed with senderSeat's input repeated, not the one sent. */
  repeated(receiverSeat: number, senderSeat: number, tick: number): void {
    if (receiverSeat === senderSeat && this.inWindow(tick) && (this.sentTicks[tick - this.firstWindowTick]! & (1 << senderSeat)) !== 0) {
      this.tally.counts.ownRepeated++;
    }
  }

  /** Whether local time `at` falls in the window (for measures that have no tick of their own). */
  private timeInWindow(at: number): boolean {
    return at >= this.windowStart && at < this.windowEnd;
  }

  /** A bot's rollback session went back `depth` ticks at local time `at`. */
  rolledBack(at: number, depth: number): void {
    if (!this.timeInWindow(at)) return;
    this.tally.counts.rollbacks++;
    this.tally.rollbackDepth.record(depth);
  }

  /** A bot's session stepped `ticks` ticks a second time (after rollbacks) at `at`. */
  resimulated(at: number, ticks: number): void {
    if (this.timeInWindow(at)) this.tally.counts.resimulatedTicks += ticks;
  }

  /** A bot's session stopped `count` times at `at` because it was a full prediction window ahead. */
  stalled(at: number, count: number): void {
    if (this.timeInWindow(at)) this.tally.counts.stalls += count;
  }

  /** A bot's match plays with `ticks` of input delay (chosen from its link at the start). */
  playsWithInputDelay(ticks: number): void {
    this.tally.inputDelay.record(ticks);
  }

  /** Whole-run netcode events: the relay found a bot's state hash wrong / a bot applied a relay snapshot / reconnected. */
  desynced(count: number): void {
    this.tally.counts.desyncs += count;
  }

  resynced(count: number): void {
    this.tally.counts.resyncs += count;
  }

  reconnected(count: number): void {
    this.tally.counts.reconnects += count;
  }

  /** A bot's connection closed when nobody asked it to; label = "code name". */
  closedUnexpectedly(label: string): void {
    this.closedBots++;
    this.tally.closed(label);
  }

  requestFailed(): void {
    this.tally.counts.roomRequestsFailed++;
  }

  /** A relay message decoded but a bot's session could not apply it; the connection stays. */
  unappliedMessage(): void {
    this.tally.counts.decodeErrors++;
  }

  /** A bot closed its connection because a relay frame did not decode. */
  closedOnDecodeError(): void {
    this.closedBots++;
    this.tally.counts.decodeErrors++;
  }
}
