import { parseArgs } from 'node:util';
import { BenchError } from '../BenchError.ts';
import { browserSuiteNames, isBrowserSuiteName, isSuiteName, suiteNames, type SuiteName } from '../suites.ts';

export interface BenchOptions {
  readonly suites: readonly SuiteName[];
  /** Whether the browser render suite (bench/render/) runs; only when named. */
  readonly render: boolean;
  /** Whether the update-download suite (bench/update/) runs; only when named. */
  readonly update: boolean;
  readonly json: boolean;
  /** Processes per (suite, impl, n, op); medians are reported. */
  readonly runs: number;
}

export const benchUsage = `usage: npm run bench -- [${[...suiteNames, ...browserSuiteNames].join('|')} ...] [--json] [--runs R]
  suites   default: ${suiteNames.join(', ')} (${browserSuiteNames.join(', ')} only when named: they drive headless Chromium)
  --json   one JSON object per line instead of a table
  --runs   child processes (render: fresh pages) per measurement (default 3); medians are reported
           (update counts bytes, which do not vary: it measures once)`;

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        runs: { type: 'string', default: '3' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new BenchError('bad-args', (err as Error).message);
  }
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return 'help';
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError('bad-args', `--runs must be a positive integer, got ${values.runs}`);
  const unknown = positionals.filter((name) => !isSuiteName(name) && !isBrowserSuiteName(name));
  if (unknown.length > 0) {
    throw new BenchError('bad-args', `unknown suite ${unknown.join(', ')}; suites: ${[...suiteNames, ...browserSuiteNames].join(', ')}`);
  }
  const chosen = positionals.filter(isSuiteName);
  const render = positionals.includes('render');
  const update = positionals.includes('update');
  // Keep the canonical suite order and drop repeats; no suite named at all means the process suites.
  const selected = chosen.length === 0 && !render && !update ? suiteNames : suiteNames.filter((name) => chosen.includes(name));
  return { suites: selected, render, update, json: values.json, runs };
}
