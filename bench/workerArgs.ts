import { parseArgs } from 'node:util';
import { BenchError } from './BenchError.ts';
import type { MeasurementSpec } from './MeasurementSpec.ts';
import { isSuiteName } from './suites.ts';

/** Command line of one measurement, the inverse of parseWorkerArgs. */
export function workerArgs(spec: MeasurementSpec): string[] {
  const args = ['--suite', spec.suite, '--impl', spec.impl, '--n', String(spec.n)];
  return spec.op === undefined ? args : [...args, '--op', spec.op];
}

export function parseWorkerArgs(argv: readonly string[]): MeasurementSpec {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      suite: { type: 'string' },
      impl: { type: 'string' },
      n: { type: 'string' },
      op: { type: 'string' },
    },
  });
  const { suite, impl, op } = values;
  const n = Number(values.n);
  if (suite === undefined || !isSuiteName(suite) || impl === undefined || !Number.isInteger(n) || n <= 0) {
    throw new BenchError('bad-args', `usage: worker.ts --suite arena|move|rollback --impl NAME --n N [--op OP], got ${argv.join(' ')}`);
  }
  return op === undefined ? { suite, impl, n } : { suite, impl, n, op };
}
