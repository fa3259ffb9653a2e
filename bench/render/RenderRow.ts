import type { BodyGeometry, RenderPath } from './renderBenchProtocol.ts';

/**
 * One reported line of the render suite: medians for one (path, n). Each phase is the median over
 * runs of the per-run median over frames; total_ms the same for the per-frame sum
 * sim + write + draw (transfer latency is wall clock, reported apart and not summed).
 */
export interface RenderRow {
  readonly suite: 'render';
  readonly impl: RenderPath;
  readonly n: number;
  readonly sim_ms: number | null;
  readonly write_ms: number | null;
  readonly draw_ms: number | null;
  /** Copy path only: post on the worker to message event on the page. */
  readonly transfer_ms: number | null;
  readonly total_ms: number | null;
  /** Median over runs of (this path's total_ms / zero-copy's total_ms in the same round). */
  readonly vs_zero_copy: number | null;
  /** Untimed GL drain per frame (software rasterisation), for context only. */
  readonly drain_ms: number | null;
  /** Median measured and warm-up frames per run (the time budget may cut them short). */
  readonly frames: number | null;
  readonly warmup_frames: number | null;
  readonly geometry: BodyGeometry;
  readonly gl_renderer: string | null;
  readonly runs: number;
  /** total_ms of each run, in run order; null for a failed run. */
  readonly run_values: (number | null)[];
  readonly vs_zero_copy_runs: number[];
  readonly error?: string;
}
