// `npm run bots -- --url ws://127.0.0.1:PORT --rooms R --players P --seconds S [--json] [--sim]
// [--proxy-latency MS --proxy-jitter MS]`: headless clients speaking the relay's real protocol
// (bots/), reporting CCU, messages/s, input round trip, drops and errors; with --sim each bot plays
// the real rollback session and the report adds rollback depth, resimulation, desyncs and resyncs.
// With --proxy-latency every connection goes through a fault proxy (tools/faultProxy/) in this
// process. Exit code 0 when nothing went wrong, 1 with errors or desyncs, 2 for bad arguments.
import { summarizeBots } from '../bots/BotsReport.ts';
import { formatBotsReport } from '../bots/formatBotsReport.ts';
import { BotsArgsError, botsUsage, parseBotsArgs, type BotsArgs } from '../bots/parseBotsArgs.ts';
import { runBots, type BotsPlan } from '../bots/runBots.ts';
import { FaultProxy } from './faultProxy/FaultProxy.ts';

/** The relay URL the bots use: the relay's own, or the same path through a fault proxy in front of it. */
async function routeThroughProxy(args: BotsArgs): Promise<{ relayUrl: string; proxy: FaultProxy | null }> {
  if (args.proxy === null) return { relayUrl: args.url, proxy: null };
  const url = new URL(args.url);
  const proxy = await FaultProxy.start({ targetHost: url.hostname, targetPort: Number(url.port || 80), up: args.proxy, down: args.proxy });
  url.host = proxy.host;
  return { relayUrl: url.href, proxy };
}

async function run(args: BotsArgs): Promise<number> {
  const { relayUrl, proxy } = await routeThroughProxy(args);
  const plan: BotsPlan = {
    relayUrl,
    adapterModule: new URL(args.sim ? '../bots/simAdapter.ts' : '../bots/tesseraAdapter.ts', import.meta.url).href,
    sim: args.sim,
    proxy: args.proxy,
    rooms: args.rooms,
    players: args.players,
    workers: args.workers,
    // The window opens once every match's tick 0 is due (rollback sessions get a second more to
    // settle their time sync, and their lead-in inputs, sent with MatchStarted, fall before it); a
    // second of drain lets its last ticks come back.
    schedule: { warmupMs: args.sim ? 1000 : 0, windowMs: args.seconds * 1000, tailMs: 0, drainMs: 1000 },
  };
  const through = proxy === null ? '' : ` through a fault proxy at ${proxy.host} (${args.proxy!.latencyMs} ± ${args.proxy!.jitterMs} ms each way)`;
  process.stderr.write(`bots: opening ${args.rooms} rooms × ${args.players} ${args.sim ? 'rollback-session ' : ''}players on ${args.url}${through}\n`);
  try {
    const outcome = await runBots(plan, {
      onReady: (open, failed) => process.stderr.write(`bots: ${open} rooms running${failed > 0 ? `, ${failed} failed` : ''}; measuring ${args.seconds} s\n`),
    });
    const report = summarizeBots(plan, outcome);
    process.stdout.write(`${args.json ? JSON.stringify(report) : formatBotsReport(report)}\n`);
    return report.errors.total === 0 && (report.netcode?.desyncs ?? 0) === 0 ? 0 : 1;
  } finally {
    await proxy?.close();
  }
}

function main(): Promise<number> {
  let args: BotsArgs | 'help';
  try {
    args = parseBotsArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BotsArgsError)) throw err;
    process.stderr.write(`${err.message}\n${botsUsage}\n`);
    return Promise.resolve(2);
  }
  if (args === 'help') {
    process.stdout.write(`${botsUsage}\n`);
    return Promise.resolve(0);
  }
  return run(args);
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`bots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
