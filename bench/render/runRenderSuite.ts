// `npm run bench -- render`: the render suite's orchestrator. One Vite dev server and one headless
// Chromium for the whole suite (closed again whatever happens); each run of each (path, n) gets a
// fresh page. Runs of one n are interleaved across the paths, order rotated per round, like the
// other suites' processes.

import { openRenderHarness } from './openRenderHarness.ts';
import type { RenderPath } from './renderBenchProtocol.ts';
import type { RenderRow } from './RenderRow.ts';
import { framePlan, renderPaths, renderSizes } from './renderSuite.ts';
import { runRenderPage, type RenderRunResult } from './runRenderPage.ts';
import { summarizeRenderGroup } from './summarizeRenderGroup.ts';

export type RenderProgressListener = (n: number, path: RenderPath, run: number, runs: number, result: RenderRunResult) => void;

/** Every size failed with the same message (no browser, no server). */
function failedRows(runs: number, error: string): RenderRow[] {
  return renderSizes.flatMap((n) => {
    const failure: RenderRunResult = { error, code: 'render-failed' };
    const results = new Map(renderPaths.map((path) => [path, Array.from({ length: runs }, () => failure)]));
    return summarizeRenderGroup(n, results, runs, framePlan(n));
  });
}

/**
 * Runs the suite; `onGroup` gets each size's rows as soon as they are ready (JSON lines stream out
 * as the other suites' do). Never rejects on a measurement problem: failures are rows with `error`.
 */
export async function runRenderSuite(
  runs: number,
  onResult: RenderProgressListener,
  onGroup: (rows: RenderRow[]) => void,
): Promise<RenderRow[]> {
  let harness;
  try {
    harness = await openRenderHarness();
  } catch (err) {
    const rows = failedRows(runs, err instanceof Error ? err.message : String(err));
    onGroup(rows);
    return rows;
  }
  const rows: RenderRow[] = [];
  try {
    for (const n of renderSizes) {
      const plan = framePlan(n);
      const results = new Map<RenderPath, RenderRunResult[]>(renderPaths.map((path) => [path, []]));
      for (let run = 0; run < runs; run++) {
        for (let k = 0; k < renderPaths.length; k++) {
          const path = renderPaths[(k + run) % renderPaths.length]!;
          const result = await runRenderPage(harness, path, n, plan);
          results.get(path)![run] = result;
          onResult(n, path, run, runs, result);
        }
      }
      const groupRows = summarizeRenderGroup(n, results, runs, plan);
      rows.push(...groupRows);
      onGroup(groupRows);
    }
  } finally {
    await harness.close();
  }
  return rows;
}
