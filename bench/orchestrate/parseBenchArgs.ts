import { parseArgs } from 'node:util';
import { BenchError } from '../BenchError.ts';
import { browserSuiteNames, isBrowserSuiteName, isSuiteName, suiteNames, type SuiteName } from '../suites.ts';

export interface BenchOptions {
  readonly suites: readonly SuiteName[];
  /** Whether the browser render suite (bench/render/) runs; only when named. */
  readonly render: boolean;
  readonly json: boolean;
  /** Processes per (suite, impl, n, op); medians are reported. */
  readonly runs: number;
}

export const benchUsage = `usage: npm run bench -- [${[...suiteNames, ...browserSuiteNames].join('|')} ...] [--json] [--runs R]
  suites   default: ${suiteNames.join(', ')} (${browserSuiteNames.join(', ')} only when named: it drives headless Chromium)
  --json   one JSON object per line instead of a table
  --runs   child processes (render: fresh pages) per measurement (default 3); medians are reported`;

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
  const render = positionals.some(isBrowserSuiteName);
  // Keep the canonical suite order and drop repeats; no suite named at all means the process suites.
  const selected = chosen.length === 0 && !render ? suiteNames : suiteNames.filter((name) => chosen.includes(name));
  return { suites: selected, render, json: values.json, runs };
}
