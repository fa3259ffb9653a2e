import type { Frames } from '../protocol/generated/tessera.ts';
import type { RoomTally } from './RoomTally.ts';

/** Every input of every confirmed tick in a Frames message, as seen by the bot in `seat`. */
export function tallyFrames(tally: RoomTally, seat: number, seats: readonly number[], frames: Frames): void {
  const receivedAt = performance.now();
  tally.bundle(receivedAt);
  for (let i = 0; i < frames.ticks.length; i++) {
    const confirmed = frames.ticks[i]!;
    const tick = frames.firstTick + i;
    for (const sender of seats) {
      const sentAt = confirmed.clientTimes[sender]!;
      if ((confirmed.lagging & (1 << sender)) !== 0 || sentAt === 0) tally.repeated(seat, sender, tick);
      else tally.delivered(seat, sender, tick, sentAt, receivedAt);
    }
  }
}
