import type { BotTallySnapshot } from './BotTally.ts';
import type { RoomPlan } from './RelayAdapter.ts';

/** The phases after every room's match is on, in ms; the window is what gets measured. */
export interface MeasureSchedule {
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Sending goes on this long after the window, so the window's last ticks are not the match's last. */
  readonly tailMs: number;
  /** Receiving goes on this long after sending stops, so the window's last inputs can arrive. */
  readonly drainMs: number;
}

/** A worker thread's share of the bots (workerData). */
export interface BotWorkerPlan {
  /** URL of a module exporting createRelayAdapter (bots/RelayAdapter.ts). */
  readonly adapterModule: string;
  readonly relayUrl: string;
  readonly rooms: readonly RoomPlan[];
  /** Rooms being opened at once. */
  readonly roomsInFlight: number;
  /** A room not open by then counts as failed. */
  readonly openTimeoutMs: number;
  /** Nothing is sent after this long, whatever the main thread says. */
  readonly lifetimeMs: number;
}

export type ToBotWorker = { readonly type: 'measure'; readonly schedule: MeasureSchedule };

export type FromBotWorker =
  | { readonly type: 'ready'; readonly openRooms: number; readonly failedRooms: number; readonly firstError: string | null }
  | { readonly type: 'result'; readonly tally: BotTallySnapshot; readonly ccu: number };
