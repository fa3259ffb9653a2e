// How many ticks a client runs each frame (ARCHITECTURE §4's time sync, frame-advantage control as
// in GGPO and ggrs, steered by the relay's clock). The pacer keeps an anchor, the local time at which
// local tick 0 runs; ticks are due one per tickMs after it. Every frame the anchor is steered:
//  - ahead of the confirmed frontier by almost a prediction window: later, so the client runs up
//    to `slew` slower (rollbacks stay short and the window is rarely hit head-on), but never later
//    than the ideal anchor: there the lead is the round trip less the input delay, which running
//    later cannot shorten once the relay waits for this client's input: it only sends inputs later,
//    toward the relay's deadline, where they are replaced;
//  - otherwise toward the ideal anchor from the relay clock (inputs reaching the relay just before
//    their tick is due), by at most `slew` of the frame's time, so the pace changes smoothly; when
//    it is far behind, at once (catching up at most maxTicksPerFrame predicted ticks per frame,
//    plus every confirmed tick it is behind, up to maxConfirmedPerFrame);
//  - and never behind followRelayClock's floor: a tick the relay confirmed before this client sent
//    its input means the clock is late whatever the estimate says.
// Pure: the caller passes the time in.

import { followRelayClock } from './followRelayClock.ts';
import type { RelayClock } from './RelayClock.ts';

export interface TickPacerOptions {
  tickMs: number;
  inputDelay: number;
  /** The session's window; 0 for a spectator, who plays confirmed ticks only. */
  predictionWindow: number;
  /** The relay's input deadline in ticks (MatchStarted.inputDeadlineMs / tickMs, rounded up). */
  deadlineTicks: number;
  /** Most ticks run in one frame when catching up (default 4). */
  maxTicksPerFrame?: number;
  /** Most already-confirmed ticks run in one frame on top of that (default 120: a few ms of plain steps). */
  maxConfirmedPerFrame?: number;
  /** Largest pace change, as a fraction of real time (default 0.1: 10 % slower or faster). */
  slew?: number;
  /** Behind the ideal by more than this (ms), the anchor jumps instead of slewing (default 250). */
  snapMs?: number;
}

/**
 * The anchor that makes the input sent at each local tick reach the relay a margin (twice the
 * jitter) before its tick is due: tick 0 is due at startRelayTime on the relay's clock.
 */
export function idealAnchor(clock: RelayClock, startRelayTime: number, tickMs: number, inputDelay: number): number {
  return startRelayTime - clock.offsetMs + inputDelay * tickMs - clock.rttMs / 2 - 2 * clock.jitterMs;
}

export interface InputDelayLimits {
  /** The configured input delay: the least a match plays with. */
  inputDelay: number;
  predictionWindow: number;
  /** The most the link may raise it to. */
  maxInputDelay: number;
}

/**
 * The input delay for a match on this link, chosen once at its start ("auto delay" in fighting
 * games). Through the relay the confirmed frontier lags the local tick by the round trip less the
 * input delay, and the pacer slows within a tick of the window; for that lag to fit the window with
 * a margin of two jitters, D ≥ ceil((RTT + 2·jitter) / tickMs) + 1 − window. With less, the client
 * waits at the window every frame, sends its inputs late, and the relay repeats its last input in
 * their place. RTT is the mean round trip, not the min-RTT filter's luckiest one: inputs take the
 * typical trip. Without a Pong yet, the configured delay.
 */
export function autoInputDelay(clock: RelayClock, tickMs: number, limits: InputDelayLimits): number {
  if (!clock.synced) return limits.inputDelay;
  const needed = Math.ceil((clock.meanRttMs + 2 * clock.jitterMs) / tickMs) + 1 - limits.predictionWindow;
  return Math.max(limits.inputDelay, Math.min(limits.maxInputDelay, needed));
}

export class TickPacer {
  private readonly maxTicksPerFrame: number;
  private readonly maxConfirmedPerFrame: number;
  private readonly slew: number;
  private readonly snapMs: number;
  private lastFrame: number | null = null;

  constructor(
    /** Local time at which local tick 0 runs. */
    public anchor: number,
    private readonly options: TickPacerOptions,
  ) {
    this.maxTicksPerFrame = options.maxTicksPerFrame ?? 4;
    this.maxConfirmedPerFrame = options.maxConfirmedPerFrame ?? 120;
    this.slew = options.slew ?? 0.1;
    this.snapMs = options.snapMs ?? 250;
  }

  /**
   * How far the frame at `now` is past localTick − 1 toward localTick (0..1), for drawing between
   * the last two ticks as the offline clock does: on schedule it is the fraction of the tick in
   * progress; a client held back (at the window, waiting for a snapshot) shows its latest tick.
   */
  alpha(now: number, localTick: number): number {
    return Math.min(1, Math.max(0, (now - this.anchor) / this.options.tickMs + 1 - localTick));
  }

  /** Frames arrived up to lastConfirmed: a tick confirmed before we sent its input pulls the anchor forward. */
  confirmed(now: number, lastConfirmed: number): void {
    const { tickMs, inputDelay, deadlineTicks } = this.options;
    // followRelayClock's clock is the local time the input for tick 0 goes out, which on this
    // schedule is inputDelay ticks before local tick 0 (the input for tick k leaves at local tick k - inputDelay).
    const startAt = this.anchor - inputDelay * tickMs;
    this.anchor = followRelayClock(startAt, now, lastConfirmed, deadlineTicks, inputDelay, tickMs) + inputDelay * tickMs;
  }

  /**
   * Ticks to run this frame for a client at localTick whose frontier is confirmedTick; `ideal` is
   * idealAnchor() once the relay clock is known, else null.
   */
  frame(now: number, localTick: number, confirmedTick: number, ideal: number | null): number {
    const { tickMs, predictionWindow } = this.options;
    const elapsed = this.lastFrame === null ? 0 : Math.max(0, now - this.lastFrame);
    this.lastFrame = now;
    const step = this.slew * elapsed;
    const lead = localTick - confirmedTick;
    if (predictionWindow > 0 && lead >= predictionWindow - 1) {
      this.anchor = ideal === null ? this.anchor + step : Math.max(this.anchor, Math.min(this.anchor + step, ideal));
    } else if (ideal !== null) {
      const error = ideal - this.anchor;
      this.anchor = error < -this.snapMs ? ideal : this.anchor + Math.max(-step, Math.min(step, error));
    }
    const due = Math.floor((now - this.anchor) / tickMs) + 1;
    // Ticks below the confirmed frontier are plain steps (nothing predicted, nothing to roll back),
    // so a client behind it (a phone at 18 fps, a late first frame) runs them at once, up to
    // maxConfirmedPerFrame; only predicted ticks are rationed to maxTicksPerFrame. Without this a
    // slow device never catches up and every input it sends is already late.
    const confirmedBehind = Math.min(Math.max(0, confirmedTick - localTick), this.maxConfirmedPerFrame);
    // The session refuses ticks past its window itself (and counts the stall).
    return Math.max(0, Math.min(due - localTick, confirmedBehind + this.maxTicksPerFrame));
  }
}
