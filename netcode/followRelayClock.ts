/**
 * Where a client's clock (the local time its tick-0 input goes out) should be after the relay
 * confirmed lastConfirmed: unchanged while the client is sending ahead of the relay; when the relay
 * has confirmed a tick the client has not sent yet, its deadline has passed, so the relay's clock is
 * about deadlineTicks past lastConfirmed, and the client jumps to send inputDelayTicks ahead of that.
 * Needs no Ping: the bots follow the relay with this alone, and TickPacer uses it as its floor.
 */
export function followRelayClock(startAt: number, now: number, lastConfirmed: number, deadlineTicks: number, inputDelayTicks: number, tickMs: number): number {
  if (lastConfirmed <= Math.floor((now - startAt) / tickMs)) return startAt;
  return now - (lastConfirmed + deadlineTicks + inputDelayTicks) * tickMs;
}
