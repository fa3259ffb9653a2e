/** The rate every bot sends at (RELAY.md: one input per tick at 60 Hz). */
export const tickRate = 60;
export const tickMs = 1000 / tickRate;

/**
 * The first local time at or after `now` that sits `phaseMs` into a tick of the thread's tick grid
 * (multiples of tickMs since performance.now()'s origin). Rooms anchored at different phases send
 * at different points of the tick, standing in for uncorrelated client clocks.
 */
export function nextPhaseTime(now: number, phaseMs: number): number {
  return now + ((((phaseMs - now) % tickMs) + tickMs) % tickMs);
}
