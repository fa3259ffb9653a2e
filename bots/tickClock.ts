import { followRelayClock as followRelayClockAt } from '../netcode/followRelayClock.ts';

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

/**
 * Where a room's clock (local time its tick-0 input goes out) should be after the relay confirmed
 * lastConfirmed: the game clients' rule (netcode/followRelayClock.ts) on the bots' 60 Hz grid.
 */
export function followRelayClock(startAt: number, now: number, lastConfirmed: number, deadlineTicks: number, inputDelayTicks: number): number {
  return followRelayClockAt(startAt, now, lastConfirmed, deadlineTicks, inputDelayTicks, tickMs);
}
