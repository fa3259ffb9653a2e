import type { SuiteName } from './suites.ts';

/** One thing to measure: a suite, an implementation, a size and (per-op suites) an operation. */
export interface MeasurementSpec {
  readonly suite: SuiteName;
  readonly impl: string;
  readonly n: number;
  readonly op?: string;
}

/** Stable key of a spec, used to group its runs. */
export function measurementKey(spec: MeasurementSpec): string {
  return `${spec.suite}/${spec.impl}/${spec.n}${spec.op === undefined ? '' : `/${spec.op}`}`;
}
