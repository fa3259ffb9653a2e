import { parseArgs } from 'node:util';
import { BenchError } from '../BenchError.ts';
import { relayWorkload } from '../relay/relayWorkload.ts';
import { browserSuiteNames, isBrowserSuiteName, isSuiteName, suiteNames, type SuiteName } from '../suites.ts';

export interface BenchOptions {
  readonly suites: readonly SuiteName[];
  /** Whether the browser render suite (bench/render/) runs; only when named. */
  readonly render: boolean;
  /** Whether the update-download suite (bench/update/) runs; only when named. */
  readonly update: boolean;
  /** Whether the relay suite (bench/relay/) runs; only when named. */
  readonly relay: boolean;
  /** CCU steps of the relay suite. */
  readonly ccu: readonly number[];
  readonly json: boolean;
  /** Processes per (suite, impl, n, op); medians are reported. */
  readonly runs: number;
}

/** Suites that run only when named, outside the worker-process orchestration. */
const namedOnlySuites = [...browserSuiteNames, 'relay'] as const;

export const benchUsage = `usage: npm run bench -- [${[...suiteNames, ...namedOnlySuites].join('|')} ...] [--json] [--runs R] [--ccu N,N,...]
  suites   default: ${suiteNames.join(', ')} (${browserSuiteNames.join(', ')} only when named: they drive headless Chromium;
           relay only when named: it loads the machine for minutes)
  --json   one JSON object per line instead of a table
  --runs   child processes (render: fresh pages; relay: relay + load generator) per measurement (default 3); medians are
           reported (update counts bytes, which do not vary: it measures once)
  --ccu    relay: CCU steps, multiples of ${relayWorkload.playersPerRoom} (default ${relayWorkload.ccuSteps.join(',')})`;

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        runs: { type: 'string', default: '3' },
        ccu: { type: 'string', default: relayWorkload.ccuSteps.join(',') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new BenchError('bad-args', (err as Error).message);
  }
}

function parseCcuSteps(text: string): number[] {
  const steps = text.split(',').map(Number);
  const bad = steps.find((ccu) => !Number.isInteger(ccu) || ccu <= 0 || ccu % relayWorkload.playersPerRoom !== 0);
  if (bad !== undefined) {
    throw new BenchError('bad-args', `--ccu takes positive multiples of ${relayWorkload.playersPerRoom} (rooms of ${relayWorkload.playersPerRoom}), got ${text}`);
  }
  return steps;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return 'help';
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError('bad-args', `--runs must be a positive integer, got ${values.runs}`);
  const ccu = parseCcuSteps(values.ccu);
  const unknown = positionals.filter((name) => !isSuiteName(name) && !isBrowserSuiteName(name) && name !== 'relay');
  if (unknown.length > 0) {
    throw new BenchError('bad-args', `unknown suite ${unknown.join(', ')}; suites: ${[...suiteNames, ...namedOnlySuites].join(', ')}`);
  }
  const chosen = positionals.filter(isSuiteName);
  const render = positionals.includes('render');
  const update = positionals.includes('update');
  const relay = positionals.includes('relay');
  // Keep the canonical suite order and drop repeats; no suite named at all means the process suites.
  const selected = chosen.length === 0 && !render && !update && !relay ? suiteNames : suiteNames.filter((name) => chosen.includes(name));
  return { suites: selected, render, update, relay, ccu, json: values.json, runs };
}
