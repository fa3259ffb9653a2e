import { measurementKey, type MeasurementSpec } from '../MeasurementSpec.ts';
import type { WorkerResult } from '../WorkerResult.ts';
import type { MeasurementGroup } from './planMeasurementGroups.ts';
import { spawnWorker } from './spawnWorker.ts';

/** Results of one spec, indexed by run (run r of every spec in a group ran in the same round). */
export interface SpecRuns {
  readonly spec: MeasurementSpec;
  readonly results: WorkerResult[];
}

export type ProgressListener = (spec: MeasurementSpec, run: number, runs: number, result: WorkerResult) => void;

/**
 * Runs `runs` rounds over a group; each round runs every spec once, one process at a time, in an
 * order rotated by one per round so no implementation always goes first or last.
 */
export async function runMeasurementGroup(
  group: MeasurementGroup,
  runs: number,
  onResult: ProgressListener,
): Promise<SpecRuns[]> {
  const byKey = new Map<string, SpecRuns>(group.specs.map((spec) => [measurementKey(spec), { spec, results: [] }]));
  const count = group.specs.length;
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < count; k++) {
      const spec = group.specs[(k + run) % count]!;
      const result = await spawnWorker(spec);
      byKey.get(measurementKey(spec))!.results[run] = result;
      onResult(spec, run, runs, result);
    }
  }
  return [...byKey.values()];
}
