// Drives an InputTimeline and keeps what it confirms. Frames are copied through the real codecs as
// they come out, since the timeline reuses the message for the next batch.

import { type Frames, MessageType, decodeRelayPayload, encodePayload } from '../../protocol/generated/tessera.ts';
import { InputTimeline, type TimelineListener, type TimelineOptions } from '../../relay/rooms/InputTimeline.ts';
import { recordingStats } from './roomFakes.ts';

export const MS_PER_TICK = 1000 / 60;

export class TimelineRecorder implements TimelineListener {
  readonly frames: Frames[] = [];
  readonly laggingChanges: { seat: number; lagging: boolean }[] = [];

  framesConfirmed(frames: Frames): void {
    this.frames.push(decodeRelayPayload(MessageType.Frames, encodePayload(frames)) as Frames);
  }

  seatLagging(seat: number, lagging: boolean): void {
    this.laggingChanges.push({ seat, lagging });
  }

  /** Every confirmed tick so far, with its tick number. */
  ticks(): { tick: number; lagging: number; inputs: number[]; clientTimes: number[] }[] {
    return this.frames.flatMap((frames) => frames.ticks.map((confirmed, i) => ({ tick: frames.firstTick + i, ...confirmed })));
  }
}

/** A timeline at 60 Hz whose tick 0 is due at clock 0, with `occupied` seats taken. */
export function recordedTimeline(seats: number, occupied: number[], options: Partial<TimelineOptions> = {}) {
  const recorder = new TimelineRecorder();
  const stats = recordingStats();
  const timeline = new InputTimeline(seats, 0, { tickRate: 60, inputDeadlineMs: 100, maxInputAheadTicks: 120, ...options }, stats, recorder);
  for (const seat of occupied) timeline.occupy(seat);
  return { timeline, recorder, stats };
}
