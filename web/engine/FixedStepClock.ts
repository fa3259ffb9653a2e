// Turns frame timestamps into whole sim ticks at a fixed rate, keeping the remainder for render
// interpolation. A long frame (a hitch, a background tab) runs at most `maxCatchUp` ticks and
// drops the rest, so the game slows down instead of freezing in a spiral of catch-up steps.

const SLACK_MS = 1e-3;

export class FixedStepClock {
  private last: number | null = null;
  private carry = 0;

  constructor(readonly stepMs = 1000 / 60, readonly maxCatchUp = 5) {}

  /** Ticks to run for a frame at `nowMs` (0 on the first frame after a reset). */
  advance(nowMs: number): number {
    if (this.last === null) {
      this.last = nowMs;
      return 0;
    }
    this.carry += Math.max(0, nowMs - this.last);
    this.last = nowMs;
    // A hair of slack: on a 60 Hz display frames land on tick boundaries, and float rounding
    // would otherwise alternate 0 and 2 ticks per frame (visible judder).
    let ticks = Math.floor((this.carry + SLACK_MS) / this.stepMs);
    if (ticks > this.maxCatchUp) {
      ticks = this.maxCatchUp;
      this.carry = 0;
    } else {
      this.carry -= ticks * this.stepMs;
    }
    return ticks;
  }

  /** How far between the last tick and the next the frame is (0..1), for interpolation. */
  get alpha(): number {
    return Math.min(1, Math.max(0, this.carry / this.stepMs));
  }

  /** Forget the last timestamp: after a pause the first frame runs no ticks, not the whole gap. */
  reset(): void {
    this.last = null;
    this.carry = 0;
  }
}
