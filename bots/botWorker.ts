// One worker thread's bots: opens its rooms through the relay adapter, paces their inputs, and
// counts what they receive over the window the main thread (bots/runBots.ts) announces.
import { parentPort, workerData } from 'node:worker_threads';
import { BotTally } from './BotTally.ts';
import type { BotWorkerPlan, FromBotWorker, MeasureSchedule, ToBotWorker } from './botWorkerMessages.ts';
import { InputScheduler } from './InputScheduler.ts';
import type { CreateRelayAdapter, OpenRoom, RelayAdapter, RoomPlan } from './RelayAdapter.ts';
import { RoomTally } from './RoomTally.ts';
import { tickMs } from './tickClock.ts';

const plan = workerData as BotWorkerPlan;
const port = parentPort!;
const tally = new BotTally();
const scheduler = new InputScheduler(tickMs, performance.now() + plan.lifetimeMs);
const opened: { readonly room: OpenRoom; readonly tally: RoomTally }[] = [];
let firstError: string | null = null;

function post(message: FromBotWorker): void {
  port.postMessage(message);
}

async function openRoom(adapter: RelayAdapter, roomPlan: RoomPlan): Promise<void> {
  const roomTally = new RoomTally(tally, roomPlan.players);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`room not open after ${plan.openTimeoutMs} ms`)), plan.openTimeoutMs);
  try {
    const room = await adapter.openRoom(roomPlan, roomTally, abort.signal);
    opened.push({ room, tally: roomTally });
    scheduler.add(room, roomTally);
  } catch (err) {
    tally.counts.connectFailed += roomPlan.players;
    firstError ??= `room ${roomPlan.index}: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Opens every room, plan.roomsInFlight at a time. */
async function openRooms(adapter: RelayAdapter): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < plan.rooms.length) await openRoom(adapter, plan.rooms[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(plan.roomsInFlight, plan.rooms.length) }, lane));
}

function measure(schedule: MeasureSchedule): void {
  const now = performance.now();
  const windowStart = now + schedule.warmupMs;
  const windowEnd = windowStart + schedule.windowMs;
  const sendEnd = windowEnd + schedule.tailMs;
  for (const entry of opened) entry.tally.setWindow(entry.room.startAt, tickMs, windowStart, windowEnd);
  scheduler.stopSendingAt(sendEnd);
  let ccu = 0;
  setTimeout(() => {
    for (const entry of opened) ccu += entry.tally.connectedBots;
  }, windowEnd - now);
  setTimeout(() => {
    scheduler.stop();
    for (const entry of opened) entry.room.close();
    post({ type: 'result', tally: tally.snapshot(), ccu });
  }, sendEnd + schedule.drainMs - now);
}

const { createRelayAdapter } = (await import(plan.adapterModule)) as { createRelayAdapter: CreateRelayAdapter };
await openRooms(createRelayAdapter(plan.relayUrl));
port.once('message', (message: ToBotWorker) => measure(message.schedule));
// Ready once every open room's tick 0 is due: from then on all of them are sending.
const lastStart = Math.max(performance.now(), ...opened.map((entry) => entry.room.startAt));
setTimeout(() => post({ type: 'ready', openRooms: opened.length, failedRooms: plan.rooms.length - opened.length, firstError }), lastStart - performance.now());
