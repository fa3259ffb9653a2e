// One running match's input timeline (ARCHITECTURE §4): it collects every seat's input per tick and
// confirms ticks in order, each as soon as every occupied seat's input for it is in, or once its
// deadline (nominal time + inputDeadlineMs) has passed — then each missing seat repeats its last
// input and is flagged lagging. A slow or silent client delays the others by the deadline at most.
//
// Pure: the caller passes the clock reading in and gets the confirmed ticks through a listener; no
// timers, no I/O. This runs for every input of every room, so inputs live in typed-array rings
// indexed by tick, and the Frames message handed out is reused: nothing is allocated per input or
// per tick once the first batches have been seen.

import { type ConfirmedTick, type Frames, maxTicksPerFrames } from '../../protocol/generated/tessera.ts';
import type { RelayStats } from '../stats.ts';

export interface TimelineOptions {
  tickRate: number;
  inputDeadlineMs: number;
  /** Inputs for ticks at or past frontier + this are dropped (a client far ahead is broken or hostile). */
  maxInputAheadTicks: number;
}

export interface TimelineListener {
  /** Newly confirmed ticks. `frames` is reused for the next batch: encode it before returning. */
  framesConfirmed(frames: Frames): void;
  /** A seat's lagging state differs from the one last reported (checked after every batch). */
  seatLagging(seat: number, lagging: boolean): void;
}

export type TimelineStats = Pick<
  RelayStats,
  'ticksConfirmed' | 'ticksByDeadline' | 'inputsAccepted' | 'inputsLate' | 'inputsEarly' | 'observeTickLag'
>;

export class InputTimeline {
  /** The next tick to confirm. */
  private next = 0;
  /** Bit per seat with a player in it: the seats waited for. */
  private occupied = 0;
  /**
   * Seats taken mid-match (late join, reconnect) whose player is not waited for yet: it is catching
   * up from a Snapshot, and waiting for it would stall everyone. Waited for from its first input's tick.
   */
  private joining = 0;
  /** Per joining seat: the lowest tick it has sent an input for (-1: none yet). */
  private readonly firstInput: Int32Array;
  private readonly msPerTick: number;
  private readonly ringMask: number;
  /** Per ring slot: bit per seat whose input for that slot's tick has arrived. */
  private readonly arrived: Uint8Array;
  /** Per ring slot × seat. */
  private readonly inputs: Uint32Array;
  private readonly clientTimes: Float64Array;
  /** Per seat: its last confirmed input, repeated while it lags (0 for an empty seat). */
  private readonly lastInput: Uint32Array;
  /** The lagging bits of the last confirmed tick, and of the last batch reported. */
  private lagging = 0;
  private reportedLagging = 0;
  /** ConfirmedTick objects filled in place; tickPool[i] is a batch's i-th tick. */
  private readonly tickPool: ConfirmedTick[] = [];
  /** One reusable Frames per batch length, each over the front of tickPool. */
  private readonly framesByLength: Frames[] = [];

  constructor(
    private readonly seats: number,
    /** Clock reading at which tick 0 is due. */
    private readonly startAt: number,
    private readonly options: TimelineOptions,
    private readonly stats: TimelineStats,
    private readonly listener: TimelineListener,
  ) {
    this.msPerTick = 1000 / options.tickRate;
    // A power of two at least the accepted window, so a tick's slot is tick & mask and no slot is
    // shared by two ticks that can be pending at once.
    let capacity = 1;
    while (capacity < options.maxInputAheadTicks) capacity *= 2;
    this.ringMask = capacity - 1;
    this.arrived = new Uint8Array(capacity);
    this.inputs = new Uint32Array(capacity * seats);
    this.clientTimes = new Float64Array(capacity * seats);
    this.lastInput = new Uint32Array(seats);
    this.firstInput = new Int32Array(seats);
  }

  /** The next tick to confirm: every tick before it is confirmed. */
  get frontier(): number {
    return this.next;
  }

  /** A player takes `seat` as the match starts: its inputs are expected from tick 0 (lagging until they arrive). */
  occupy(seat: number): void {
    this.occupied |= 1 << seat;
  }

  /** A player takes `seat` mid-match: it sends 0 and is not waited for until its inputs start arriving. */
  join(seat: number): void {
    this.joining |= 1 << seat;
    this.firstInput[seat] = -1;
  }

  /** The seat's player left: from the frontier on the seat sends 0 and is not waited for. */
  vacate(seat: number): void {
    const bit = 1 << seat;
    this.occupied &= ~bit;
    this.joining &= ~bit;
    this.lastInput[seat] = 0;
    // Inputs it sent ahead must not become the next occupant's.
    for (let slot = 0; slot <= this.ringMask; slot++) this.arrived[slot]! &= ~bit;
    // Its departure is announced by MemberLeft, not by a SeatLagging that would follow it.
    this.reportedLagging &= ~bit;
  }

  /** An occupied seat's input for `tick`. Late, too-early and repeated inputs are dropped. */
  receive(seat: number, tick: number, input: number, clientTime: number, now: number): void {
    if (tick < this.next) {
      this.stats.inputsLate++;
      return;
    }
    if (tick >= this.next + this.options.maxInputAheadTicks) {
      this.stats.inputsEarly++;
      return;
    }
    const slot = tick & this.ringMask;
    const bit = 1 << seat;
    if (this.arrived[slot]! & bit) return; // the first input for a tick is the one played
    this.arrived[slot]! |= bit;
    if (this.joining & bit && (this.firstInput[seat]! < 0 || tick < this.firstInput[seat]!)) this.firstInput[seat] = tick;
    this.inputs[slot * this.seats + seat] = input;
    this.clientTimes[slot * this.seats + seat] = clientTime;
    this.stats.inputsAccepted++;
    this.confirmDue(now);
  }

  /** Confirms every tick whose inputs are complete or whose deadline has passed by `now`. */
  confirmDue(now: number): void {
    let batchStart = this.next;
    for (;;) {
      if (this.joining !== 0) this.admitJoiners();
      const slot = this.next & this.ringMask;
      const arrived = this.arrived[slot]!;
      // With no seat occupied nothing is awaited, so ticks follow the clock alone. A joining
      // seat's input may be in without being awaited, hence the mask.
      const complete = this.occupied !== 0 && (arrived & this.occupied) === this.occupied;
      const nominal = this.startAt + this.next * this.msPerTick;
      if (!complete && now < nominal + this.options.inputDeadlineMs) break;
      this.confirm(this.next - batchStart, slot, arrived);
      this.stats.ticksConfirmed++;
      if (!complete) this.stats.ticksByDeadline++;
      this.stats.observeTickLag(now > nominal ? now - nominal : 0);
      this.next++;
      if (this.next - batchStart === maxTicksPerFrames) {
        this.publish(batchStart, maxTicksPerFrames);
        batchStart = this.next;
      }
    }
    if (this.next !== batchStart) this.publish(batchStart, this.next - batchStart);
  }

  /** Joining seats whose inputs reach the frontier are waited for from now on. */
  private admitJoiners(): void {
    for (let seat = 0; seat < this.seats; seat++) {
      const bit = 1 << seat;
      if (this.joining & bit && this.firstInput[seat]! >= 0 && this.firstInput[seat]! <= this.next) {
        this.joining &= ~bit;
        this.occupied |= bit;
      }
    }
  }

  /** Writes the frontier tick as the batch's `index`-th tick and frees its ring slot. */
  private confirm(index: number, slot: number, arrived: number): void {
    const confirmed = this.tickPool[index] ?? this.growTickPool();
    const base = slot * this.seats;
    for (let seat = 0; seat < this.seats; seat++) {
      if (arrived & (1 << seat)) {
        const input = this.inputs[base + seat]!;
        this.lastInput[seat] = input;
        confirmed.inputs[seat] = input;
        confirmed.clientTimes[seat] = this.clientTimes[base + seat]!;
      } else {
        confirmed.inputs[seat] = this.lastInput[seat]!;
        confirmed.clientTimes[seat] = 0;
      }
    }
    this.lagging = this.occupied & ~arrived;
    confirmed.lagging = this.lagging;
    this.arrived[slot] = 0;
  }

  private growTickPool(): ConfirmedTick {
    const confirmed: ConfirmedTick = { lagging: 0, inputs: new Array<number>(this.seats).fill(0), clientTimes: new Array<number>(this.seats).fill(0) };
    this.tickPool.push(confirmed);
    return confirmed;
  }

  private publish(firstTick: number, count: number): void {
    let frames = this.framesByLength[count];
    if (frames === undefined) {
      frames = { type: 'Frames', firstTick, ticks: this.tickPool.slice(0, count) };
      this.framesByLength[count] = frames;
    }
    frames.firstTick = firstTick;
    this.listener.framesConfirmed(frames);
    const changed = this.lagging ^ this.reportedLagging;
    if (changed === 0) return;
    this.reportedLagging = this.lagging;
    for (let seat = 0; seat < this.seats; seat++) {
      if (changed & (1 << seat)) this.listener.seatLagging(seat, (this.lagging & (1 << seat)) !== 0);
    }
  }
}
