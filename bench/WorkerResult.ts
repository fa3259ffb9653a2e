import type { SuiteName } from './suites.ts';

/** The single JSON line a worker prints: one measurement (suite x impl x n x run) or its failure. */
export type WorkerResult = WorkerSuccess | WorkerFailure;

export interface WorkerSuccess {
  readonly suite: SuiteName;
  readonly impl: string;
  readonly n: number;
  readonly op?: string;
  /** ns per body per step (per-body suites) or ns per operation (per-op suites). */
  readonly ns: number;
  /** Simulation ticks per second of the timed loop; null when the operation advances no tick. */
  readonly steps_per_s: number | null;
  readonly ops_per_s?: number;
  readonly checksum: string;
  readonly ke_ratio?: number;
  readonly elapsed_ns: number;
  readonly iterations: number;
}

export interface WorkerFailure {
  readonly error: string;
  readonly code: string;
}

export function isWorkerFailure(result: WorkerResult): result is WorkerFailure {
  return 'error' in result;
}
