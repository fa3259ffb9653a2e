import type { MeasurementSpec } from './MeasurementSpec.ts';
import type { RunOutcome } from './RunOutcome.ts';
import { suites } from './suites.ts';
import type { WorkerSuccess } from './WorkerResult.ts';
import { formatChecksum } from './workloads/formatChecksum.ts';

/** Per-unit metrics of one run: ns per body-step or per op, ticks per second, ops per second. */
export function deriveWorkerResult(spec: MeasurementSpec, outcome: RunOutcome): WorkerSuccess {
  const seconds = outcome.elapsedNs / 1e9;
  const perBody = suites[spec.suite].metric === 'ns_per_body_step';
  const ticks = outcome.iterations * outcome.ticksPerIteration;
  return {
    suite: spec.suite,
    impl: spec.impl,
    n: spec.n,
    ...(spec.op === undefined ? {} : { op: spec.op }),
    ns: outcome.elapsedNs / (outcome.iterations * (perBody ? spec.n : 1)),
    steps_per_s: ticks > 0 ? ticks / seconds : null,
    ...(perBody ? {} : { ops_per_s: outcome.iterations / seconds }),
    checksum: formatChecksum(outcome.checksum),
    ...(outcome.keRatio === undefined ? {} : { ke_ratio: outcome.keRatio }),
    elapsed_ns: outcome.elapsedNs,
    iterations: outcome.iterations,
  };
}
