// One measurement per process (suite x impl x n x run), so JIT state and wasm tier-up of one run
// never leak into another. Prints exactly one JSON line (WorkerResult) on stdout; exit code 1 on
// failure. Run it with `node --no-liftoff --import tsx bench/worker.ts --suite S --impl I --n N`.
import { BenchError } from './BenchError.ts';
import { deriveWorkerResult } from './deriveWorkerResult.ts';
import { runMeasurement } from './impls/runMeasurement.ts';
import type { WorkerResult } from './WorkerResult.ts';
import { parseWorkerArgs } from './workerArgs.ts';

async function main(): Promise<WorkerResult> {
  const spec = parseWorkerArgs(process.argv.slice(2));
  return deriveWorkerResult(spec, await runMeasurement(spec));
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (err: unknown) => {
    const error = err instanceof Error ? err : new Error(String(err));
    const code = error instanceof BenchError ? error.code : error.name;
    process.stdout.write(JSON.stringify({ error: error.message, code } satisfies WorkerResult) + '\n');
    if (!(error instanceof BenchError)) process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
