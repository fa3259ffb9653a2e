import type { SpecRuns } from '../orchestrate/runMeasurementGroup.ts';
import { suites } from '../suites.ts';
import { isWorkerFailure, type WorkerSuccess } from '../WorkerResult.ts';
import { expectedFinalChecksum } from '../workloads/referenceChecksums.ts';
import { median } from './median.ts';
import type { SummaryRow } from './SummaryRow.ts';

function successes(runs: SpecRuns): (WorkerSuccess | null)[] {
  return runs.results.map((result) => (result === undefined || isWorkerFailure(result) ? null : result));
}

function medianOrNull(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length === 0 ? null : median(present);
}

/** Ratios this impl / baseline, paired by run (same round, so the same machine noise). */
function pairedRatios(runs: (WorkerSuccess | null)[], baseline: (WorkerSuccess | null)[]): number[] {
  const ratios: number[] = [];
  runs.forEach((run, r) => {
    const base = baseline[r];
    if (run !== null && base != null && base.ns > 0) ratios.push(run.ns / base.ns);
  });
  return ratios;
}

function describeProblems(specRuns: SpecRuns, ok: (WorkerSuccess | null)[], expected: string | undefined): string | undefined {
  const problems: string[] = [];
  const failures = specRuns.results.filter(isWorkerFailure);
  if (failures.length > 0) {
    const distinct = [...new Set(failures.map((f) => f.error))];
    problems.push(`${failures.length}/${specRuns.results.length} runs failed: ${distinct.join('; ')}`);
  }
  const checksums = [...new Set(ok.flatMap((run) => (run === null ? [] : [run.checksum])))];
  if (checksums.length > 1) problems.push(`[nondeterministic] checksum differs between runs: ${checksums.join(', ')}`);
  if (expected !== undefined && checksums.some((c) => c !== expected)) {
    problems.push(`[checksum-mismatch] checksum ${checksums.join(', ')}, ARENA.md expects ${expected}`);
  }
  return problems.length === 0 ? undefined : problems.join(' / ');
}

/** Medians, paired vs_js ratios and checksum checks for the runs of one (suite, n) group. */
export function summarizeGroup(group: readonly SpecRuns[], runs: number): SummaryRow[] {
  return group.map((specRuns): SummaryRow => {
    const { spec } = specRuns;
    const definition = suites[spec.suite];
    const ok = successes(specRuns);
    const baselineRuns = group.find((other) => other.spec.impl === definition.baseline && other.spec.op === spec.op);
    const ratios = baselineRuns === undefined ? undefined : pairedRatios(ok, successes(baselineRuns));
    const expected = expectedFinalChecksum(spec.suite, spec.impl, spec.n);
    const error = describeProblems(specRuns, ok, expected);
    const firstOk = ok.find((run) => run !== null) ?? null;
    return {
      suite: spec.suite,
      impl: spec.impl,
      n: spec.n,
      ...(spec.op === undefined ? {} : { op: spec.op }),
      metric: definition.metric,
      ns: medianOrNull(ok.map((run) => run?.ns)),
      steps_per_s: medianOrNull(ok.map((run) => run?.steps_per_s)),
      ...(definition.metric === 'ns_per_op' ? { ops_per_s: medianOrNull(ok.map((run) => run?.ops_per_s)) } : {}),
      vs_js: ratios === undefined ? null : medianOrNull(ratios),
      checksum: firstOk?.checksum ?? null,
      ...(expected === undefined ? {} : { checksum_expected: expected }),
      ...(definition.reportsEnergy ? { ke_ratio: medianOrNull(ok.map((run) => run?.ke_ratio)) } : {}),
      runs,
      run_values: ok.map((run) => run?.ns ?? null),
      run_checksums: ok.map((run) => run?.checksum ?? null),
      ...(ratios === undefined ? {} : { vs_js_runs: ratios }),
      ...(error === undefined ? {} : { error }),
    };
  });
}
