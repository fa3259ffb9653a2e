import type { OpenRoom } from './RelayAdapter.ts';
import type { RoomTally } from './RoomTally.ts';

interface ScheduledRoom {
  readonly room: OpenRoom;
  readonly tally: RoomTally;
  nextTick: number;
}

/**
 * Paces every room of a worker thread on one timer: tick t of a room is due at
 * room.startAt + t·tickMs, and all its bots send then. A room found late sends only its current tick
 * and counts the ones it skipped, rather than bursting to catch up.
 */
export class InputScheduler {
  private readonly rooms: ScheduledRoom[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** sendEnd: a hard stop (local time) until stopSendingAt sets the planned one. */
  constructor(
    private readonly tickMs: number,
    private sendEnd: number,
  ) {}

  add(room: OpenRoom, tally: RoomTally): void {
    this.rooms.push({ room, tally, nextTick: 0 });
    this.wakeSoon(0);
  }

  /** No tick due at or after this local time is sent. */
  stopSendingAt(time: number): void {
    this.sendEnd = time;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sendEnd = -Infinity;
  }

  private wakeSoon(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.wake, Math.max(0, delayMs));
  }

  private readonly wake = (): void => {
    this.timer = undefined;
    let nextDue = Infinity;
    for (const entry of this.rooms) {
      const startAt = entry.room.startAt;
      let due = startAt + entry.nextTick * this.tickMs;
      if (due >= this.sendEnd) continue;
      const now = performance.now();
      if (due <= now) {
        const current = Math.floor((now - startAt) / this.tickMs);
        if (current > entry.nextTick) entry.tally.skipped(entry.nextTick, current, entry.tally.connectedBots);
        entry.nextTick = current + 1;
        if (startAt + current * this.tickMs < this.sendEnd) entry.tally.sent(current, entry.room.sendInputs(current));
        due = startAt + entry.nextTick * this.tickMs;
      }
      if (due < this.sendEnd && due < nextDue) nextDue = due;
    }
    if (nextDue !== Infinity) this.wakeSoon(nextDue - performance.now());
  };
}
