import { parseArgs } from 'node:util';
import { maxSeats } from '../protocol/generated/tessera.ts';

export interface BotsArgs {
  readonly url: string;
  readonly rooms: number;
  readonly players: number;
  readonly seconds: number;
  readonly workers: number;
  readonly json: boolean;
  /** Run the real rollback session and sim (bots/simAdapter.ts) instead of scripted sends. */
  readonly sim: boolean;
  /** One-way delay each direction gets through a fault proxy; null: connect straight to the relay. */
  readonly proxy: { readonly latencyMs: number; readonly jitterMs: number } | null;
}

export const botsUsage = `usage: npm run bots -- --url ws://HOST:PORT[/ws] --rooms R --players P --seconds S [--workers W] [--json]
                    [--sim] [--proxy-latency MS [--proxy-jitter MS]]
  --url      the relay (its /ws endpoint; guest tokens come from POST /token on the same host)
  --rooms    rooms to open, 1..10000; one bot creates each room (autoStart), the others join by code
  --players  bots per room, 1..${maxSeats}
  --seconds  measuring window once every match is on, 0.1..3600
  --workers  worker threads the bots are spread over (default 2; a room's bots share one)
  --json     one JSON line instead of a table
  --sim      each bot plays the real match: the rollback session (netcode/) on build/tessera.wasm;
             adds rollback depth p50/p99, resimulated ticks/s, desyncs and resyncs to the report
  --proxy-latency  route every bot through a fault proxy (tools/faultProxy/) that delays each
             direction by MS (0..5000), so the round trip gains twice that
  --proxy-jitter   ± MS of uniform jitter per direction (0..latency; needs --proxy-latency)`;

/** Thrown for anything the usage does not allow; the CLI prints it with the usage and exits 2. */
export class BotsArgsError extends Error {
  override name = 'BotsArgsError';
}

function number(name: string, text: string | undefined, min: number, max: number, integer: boolean): number {
  if (text === undefined) throw new BotsArgsError(`--${name} is required`);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new BotsArgsError(`--${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got ${text}`);
  }
  return value;
}

export function parseBotsArgs(argv: readonly string[]): BotsArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        rooms: { type: 'string' },
        players: { type: 'string' },
        seconds: { type: 'string' },
        workers: { type: 'string', default: '2' },
        json: { type: 'boolean', default: false },
        sim: { type: 'boolean', default: false },
        'proxy-latency': { type: 'string' },
        'proxy-jitter': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    throw new BotsArgsError((err as Error).message);
  }
  if (parsed.help) return 'help';
  if (parsed.url === undefined) throw new BotsArgsError('--url is required');
  let url: URL;
  try {
    url = new URL(parsed.url);
  } catch {
    throw new BotsArgsError(`--url is not a URL: ${parsed.url}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new BotsArgsError(`--url must be ws:// or wss://, got ${parsed.url}`);
  const latency = parsed['proxy-latency'];
  const jitter = parsed['proxy-jitter'];
  if (latency === undefined && jitter !== undefined) throw new BotsArgsError('--proxy-jitter needs --proxy-latency');
  if (latency !== undefined && url.protocol !== 'ws:') throw new BotsArgsError('--proxy-latency needs a ws:// --url: through the proxy the host is 127.0.0.1, which no wss:// certificate names');
  let proxy: BotsArgs['proxy'] = null;
  if (latency !== undefined) {
    const latencyMs = number('proxy-latency', latency, 0, 5000, false);
    proxy = { latencyMs, jitterMs: jitter === undefined ? 0 : number('proxy-jitter', jitter, 0, latencyMs, false) };
  }
  return {
    url: url.href,
    rooms: number('rooms', parsed.rooms, 1, 10_000, true),
    players: number('players', parsed.players, 1, maxSeats, true),
    seconds: number('seconds', parsed.seconds, 0.1, 3600, false),
    workers: number('workers', parsed.workers, 1, 64, true),
    json: parsed.json,
    sim: parsed.sim,
    proxy,
  };
}
