import type { SuiteName } from '../suites.ts';

/** One reported line: the medians over the runs of one (suite, impl, n, op). */
export interface SummaryRow {
  readonly suite: SuiteName;
  readonly impl: string;
  readonly n: number;
  readonly op?: string;
  /** Which of ns_per_body_step / ns_per_op this row carries. */
  readonly metric: 'ns_per_body_step' | 'ns_per_op';
  /** Median ns per body-step or per op; null when no run succeeded. */
  readonly ns: number | null;
  readonly steps_per_s: number | null;
  readonly ops_per_s?: number | null;
  /** Median over runs of (this impl's ns / the plain-JS baseline's ns in the same round). */
  readonly vs_js: number | null;
  readonly checksum: string | null;
  /** Checksum ARENA.md publishes for this impl and n, when there is one. */
  readonly checksum_expected?: string;
  readonly ke_ratio?: number | null;
  /** Runs requested. */
  readonly runs: number;
  /** ns of each run, in run order; null for a failed run. */
  readonly run_values: (number | null)[];
  readonly run_checksums: (string | null)[];
  readonly vs_js_runs?: number[];
  /** Set when any run failed, runs disagreed on the checksum, or it differs from the expected one. */
  readonly error?: string;
}
