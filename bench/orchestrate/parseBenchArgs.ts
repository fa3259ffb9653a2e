import { parseArgs } from 'node:util';
import { BenchError } from '../BenchError.ts';
import { isSuiteName, suiteNames, type SuiteName } from '../suites.ts';

export interface BenchOptions {
  readonly suites: readonly SuiteName[];
  readonly json: boolean;
  /** Processes per (suite, impl, n, op); medians are reported. */
  readonly runs: number;
}

export const benchUsage = `usage: npm run bench -- [${suiteNames.join('|')} ...] [--json] [--runs R]
  suites   default: all
  --json   one JSON object per line instead of a table
  --runs   child processes per measurement (default 3); medians are reported`;

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
  const unknown = positionals.filter((name) => !isSuiteName(name));
  if (unknown.length > 0) throw new BenchError('bad-args', `unknown suite ${unknown.join(', ')}; suites: ${suiteNames.join(', ')}`);
  const chosen = positionals.filter(isSuiteName);
  // Keep the canonical suite order and drop repeats.
  const selected = chosen.length === 0 ? suiteNames : suiteNames.filter((name) => chosen.includes(name));
  return { suites: selected, json: values.json, runs };
}
