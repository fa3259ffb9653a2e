// `npm run bots -- --url ws://127.0.0.1:PORT --rooms R --players P --seconds S [--json]`: headless
// clients speaking the relay's real protocol (bots/), reporting CCU, messages/s, input round trip,
// drops and errors. Exit code 0 when nothing went wrong, 1 with errors, 2 for bad arguments.
import { summarizeBots } from '../bots/BotsReport.ts';
import { formatBotsReport } from '../bots/formatBotsReport.ts';
import { BotsArgsError, botsUsage, parseBotsArgs, type BotsArgs } from '../bots/parseBotsArgs.ts';
import { runBots, type BotsPlan } from '../bots/runBots.ts';

async function run(args: BotsArgs): Promise<number> {
  const plan: BotsPlan = {
    relayUrl: args.url,
    adapterModule: new URL('../bots/tesseraAdapter.ts', import.meta.url).href,
    rooms: args.rooms,
    players: args.players,
    workers: args.workers,
    // The window opens once every match's tick 0 is due; a second of drain lets its last ticks come back.
    schedule: { warmupMs: 0, windowMs: args.seconds * 1000, tailMs: 0, drainMs: 1000 },
  };
  process.stderr.write(`bots: opening ${args.rooms} rooms × ${args.players} players on ${args.url}\n`);
  const outcome = await runBots(plan, {
    onReady: (open, failed) => process.stderr.write(`bots: ${open} rooms running${failed > 0 ? `, ${failed} failed` : ''}; measuring ${args.seconds} s\n`),
  });
  const report = summarizeBots(plan, outcome);
  process.stdout.write(`${args.json ? JSON.stringify(report) : formatBotsReport(report)}\n`);
  return report.errors.total === 0 ? 0 : 1;
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
