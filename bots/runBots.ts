// The bots engine's main thread: splits rooms over worker threads (a room's bots share one thread,
// hence one clock), waits until every match is on, announces the measuring window to all threads
// at once and adds up what they counted.
import type { LinkDelay } from '../tools/faultProxy/DelayedPipe.ts';
import { BotTally } from './BotTally.ts';
import type { MeasureSchedule } from './botWorkerMessages.ts';
import { BotWorkerThread } from './BotWorkerThread.ts';
import type { RoomPlan } from './RelayAdapter.ts';
import { tickMs } from './tickClock.ts';

export interface BotsPlan {
  readonly relayUrl: string;
  /** URL of the adapter module for the relay's protocol (bots/RelayAdapter.ts). */
  readonly adapterModule: string;
  /** Whether the adapter runs the real rollback session (bots/simAdapter.ts): the report then has netcode measures. */
  readonly sim?: boolean;
  /** The delay each direction of the bots' traffic got from a fault proxy, for the report; null: direct. */
  readonly proxy?: LinkDelay | null;
  readonly rooms: number;
  readonly players: number;
  readonly workers: number;
  readonly schedule: MeasureSchedule;
}

export interface BotsProgress {
  readonly onReady?: (openRooms: number, failedRooms: number) => void;
  readonly onWindowStart?: () => void;
  readonly onWindowEnd?: () => void;
}

export interface BotsOutcome {
  readonly tally: BotTally;
  /** Bots in a running match, still connected, at the end of the window. */
  readonly ccu: number;
  readonly openRooms: number;
  readonly failedRooms: number;
  /** The first reason a room failed to open, if any did. */
  readonly firstError: string | null;
}

const roomsInFlight = 16;
const openTimeoutMs = 20_000;
const stopGraceMs = 2_000;

export async function runBots(plan: BotsPlan, progress: BotsProgress = {}): Promise<BotsOutcome> {
  const threadCount = Math.max(1, Math.min(plan.workers, plan.rooms));
  const roomsPerThread = Math.ceil(plan.rooms / threadCount);
  // Bounds: every lane may time out on every room it opens; the window then runs its course.
  const readyTimeoutMs = Math.ceil(roomsPerThread / roomsInFlight) * openTimeoutMs + 5_000;
  const { warmupMs, windowMs, tailMs, drainMs } = plan.schedule;
  const resultTimeoutMs = warmupMs + windowMs + tailMs + drainMs + 10_000;
  const lifetimeMs = readyTimeoutMs + resultTimeoutMs;
  const matchTicks = Math.ceil(lifetimeMs / tickMs);
  const threads = Array.from({ length: threadCount }, (_, thread) => {
    const rooms: RoomPlan[] = [];
    // Round-robin; room i sends at phase i/rooms of a tick, spreading sends over the tick.
    for (let index = thread; index < plan.rooms; index += threadCount) {
      rooms.push({ index, players: plan.players, phaseMs: (index / plan.rooms) * tickMs, matchTicks });
    }
    return new BotWorkerThread({
      adapterModule: plan.adapterModule,
      relayUrl: plan.relayUrl,
      rooms,
      roomsInFlight,
      openTimeoutMs,
      lifetimeMs,
    });
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    const ready = await Promise.all(threads.map((thread) => thread.next('ready', readyTimeoutMs)));
    const openRooms = ready.reduce((n, r) => n + r.openRooms, 0);
    const failedRooms = ready.reduce((n, r) => n + r.failedRooms, 0);
    progress.onReady?.(openRooms, failedRooms);
    for (const thread of threads) thread.send({ type: 'measure', schedule: plan.schedule });
    timers.push(setTimeout(() => progress.onWindowStart?.(), warmupMs));
    timers.push(setTimeout(() => progress.onWindowEnd?.(), warmupMs + windowMs));
    const results = await Promise.all(threads.map((thread) => thread.next('result', resultTimeoutMs)));
    const tally = new BotTally();
    for (const result of results) tally.add(result.tally);
    return {
      tally,
      ccu: results.reduce((n, r) => n + r.ccu, 0),
      openRooms,
      failedRooms,
      firstError: ready.find((r) => r.firstError !== null)?.firstError ?? null,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(threads.map((thread) => thread.stop(stopGraceMs)));
  }
}
