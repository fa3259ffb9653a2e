// The load generator process of the relay bench: the bots engine (bots/runBots.ts) with one
// relay's adapter, on the RELAY.md schedule. Prints JSON lines: ready, window-start, window-end
// (so the parent can sample CPU over exactly the window) and finally the result.
// Usage: node --import tsx bench/relay/generator.ts RELAY_WS_URL ADAPTER_MODULE_URL ROOMS
import { summarizeBots } from '../../bots/BotsReport.ts';
import { runBots, type BotsPlan } from '../../bots/runBots.ts';
import type { GeneratorEvent } from './GeneratorEvent.ts';
import { relayWorkload } from './relayWorkload.ts';

function emit(event: GeneratorEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const [relayUrl, adapterModule, rooms] = process.argv.slice(2);
const plan: BotsPlan = {
  relayUrl: relayUrl!,
  adapterModule: adapterModule!,
  rooms: Number(rooms),
  players: relayWorkload.playersPerRoom,
  workers: relayWorkload.generatorThreads,
  schedule: relayWorkload.schedule,
};
runBots(plan, {
  onReady: (openRooms, failedRooms) => emit({ event: 'ready', openRooms, failedRooms }),
  onWindowStart: () => emit({ event: 'window-start' }),
  onWindowEnd: () => emit({ event: 'window-end' }),
}).then(
  (outcome) => emit({ event: 'result', report: summarizeBots(plan, outcome) }),
  (err: unknown) => {
    emit({ event: 'error', message: err instanceof Error ? err.message : String(err) });
    process.exitCode = 1;
  },
);
