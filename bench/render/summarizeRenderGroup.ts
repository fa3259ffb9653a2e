import { median } from '../report/median.ts';
import type { FrameSample, FramePlan, RenderBenchResult, RenderPath } from './renderBenchProtocol.ts';
import type { RenderRow } from './RenderRow.ts';
import { renderBaseline } from './renderSuite.ts';
import { isRenderRunFailure, type RenderRunResult } from './runRenderPage.ts';

/** Per-run figures: medians over that run's measured frames. */
interface RunFigures {
  readonly sim: number;
  readonly write: number;
  readonly draw: number;
  readonly transfer: number | null;
  readonly total: number;
  readonly drain: number;
  readonly frames: number;
  readonly warmupFrames: number;
}

function runFigures(result: RenderBenchResult): RunFigures | null {
  const samples = result.samples;
  if (samples.length === 0) return null;
  const of = (pick: (s: FrameSample) => number): number => median(samples.map(pick));
  const transfers = samples.flatMap((s) => (s.transferMs === null ? [] : [s.transferMs]));
  return {
    sim: of((s) => s.simMs),
    write: of((s) => s.writeMs),
    draw: of((s) => s.drawMs),
    transfer: transfers.length === 0 ? null : median(transfers),
    total: of((s) => s.simMs + s.writeMs + s.drawMs),
    drain: of((s) => s.drainMs),
    frames: samples.length,
    warmupFrames: result.warmupFrames,
  };
}

function medianOrNull(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length === 0 ? null : median(present);
}

/** What makes a run's numbers unusable even though the page returned them. */
function resultProblems(result: RenderBenchResult): string[] {
  const problems: string[] = [];
  if (result.samples.length === 0) problems.push('[no-frames] no measured frame');
  if (!result.crossOriginIsolated) problems.push('[coarse-timer] page not cross-origin isolated: performance.now() in 0.1 ms steps');
  if (result.path === 'zero-copy' && !result.matricesOnWasmMemory) {
    problems.push('[not-zero-copy] the instance-matrix array was not a view on WASM memory');
  }
  return problems;
}

/** One row per path for a size: medians over runs, ratios paired by round with the zero-copy run. */
export function summarizeRenderGroup(
  n: number,
  results: ReadonlyMap<RenderPath, readonly RenderRunResult[]>,
  runs: number,
  plan: FramePlan,
): RenderRow[] {
  const figuresOf = (path: RenderPath): (RunFigures | null)[] =>
    (results.get(path) ?? []).map((r) => (isRenderRunFailure(r) || resultProblems(r).length > 0 ? null : runFigures(r)));
  const baseline = figuresOf(renderBaseline);
  return [...results.entries()].map(([path, pathResults]): RenderRow => {
    const figures = figuresOf(path);
    const ratios = figures.flatMap((f, r) => {
      const base = baseline[r];
      return f !== null && base != null && base.total > 0 ? [f.total / base.total] : [];
    });
    const problems = [
      ...new Set(pathResults.flatMap((r) => (isRenderRunFailure(r) ? [r.error] : resultProblems(r)))),
    ];
    const failedRuns = figures.filter((f) => f === null).length;
    const ok = pathResults.find((r): r is RenderBenchResult => !isRenderRunFailure(r));
    return {
      suite: 'render',
      impl: path,
      n,
      sim_ms: medianOrNull(figures.map((f) => f?.sim)),
      write_ms: medianOrNull(figures.map((f) => f?.write)),
      draw_ms: medianOrNull(figures.map((f) => f?.draw)),
      transfer_ms: medianOrNull(figures.map((f) => f?.transfer)),
      total_ms: medianOrNull(figures.map((f) => f?.total)),
      vs_zero_copy: medianOrNull(ratios),
      drain_ms: medianOrNull(figures.map((f) => f?.drain)),
      frames: medianOrNull(figures.map((f) => f?.frames)),
      warmup_frames: medianOrNull(figures.map((f) => f?.warmupFrames)),
      geometry: plan.geometry,
      gl_renderer: ok?.glRenderer ?? null,
      runs,
      run_values: figures.map((f) => f?.total ?? null),
      vs_zero_copy_runs: ratios,
      ...(failedRuns > 0 ? { error: `${failedRuns}/${runs} runs failed: ${problems.join('; ')}` } : {}),
    };
  });
}
