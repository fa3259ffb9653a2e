import type { MeasurementSpec } from '../MeasurementSpec.ts';
import { suites, type SuiteName } from '../suites.ts';

/** The measurements of one (suite, n): run interleaved so machine noise hits them alike. */
export interface MeasurementGroup {
  readonly suite: SuiteName;
  readonly n: number;
  readonly specs: readonly MeasurementSpec[];
}

export function planMeasurementGroups(selected: readonly SuiteName[]): MeasurementGroup[] {
  return selected.flatMap((suite) => {
    const definition = suites[suite];
    return definition.sizes.map((n) => ({
      suite,
      n,
      specs: definition.impls.flatMap((impl) =>
        definition.ops === undefined ? [{ suite, impl, n }] : definition.ops.map((op) => ({ suite, impl, n, op })),
      ),
    }));
  });
}
