import { alignedLines, outcomeColumns, type TableColumn } from '../report/formatTable.ts';
import { median } from '../report/median.ts';
import type { FrameSample } from './renderBenchProtocol.ts';
import type { RenderRow } from './RenderRow.ts';
import { isRenderRunFailure, type RenderRunResult } from './runRenderPage.ts';

function formatMs(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 10) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(1);
}

const columns: readonly TableColumn<RenderRow>[] = [
  { title: 'suite', right: false, cell: (row) => row.suite },
  { title: 'n', right: true, cell: (row) => String(row.n) },
  { title: 'impl', right: false, cell: (row) => row.impl },
  { title: 'sim ms', right: true, cell: (row) => formatMs(row.sim_ms) },
  { title: 'write ms', right: true, cell: (row) => formatMs(row.write_ms) },
  { title: 'draw ms', right: true, cell: (row) => formatMs(row.draw_ms) },
  { title: 'total ms', right: true, cell: (row) => formatMs(row.total_ms) },
  { title: 'vs_zero_copy', right: true, cell: (row) => (row.vs_zero_copy === null ? '' : `${row.vs_zero_copy.toFixed(2)}x`) },
  { title: 'transfer ms', right: true, cell: (row) => (row.impl === 'copy' ? formatMs(row.transfer_ms) : '') },
  { title: 'frames', right: true, cell: (row) => (row.frames === null ? '-' : String(Math.round(row.frames))) },
  ...outcomeColumns<RenderRow>(),
];

/**
 * Render rows as an aligned table: per-frame CPU ms (medians over frames, then over runs);
 * total = sim + write + draw per frame; vs_zero_copy = total / zero-copy total, paired per round;
 * spread = half the min-max range of total over runs. Failed rows' messages follow.
 */
export function formatRenderTable(rows: readonly RenderRow[]): string {
  const lines = alignedLines(columns, rows);
  const failures = rows.filter((row) => row.error !== undefined);
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const row of failures) lines.push(`  render n=${row.n} ${row.impl}: ${row.error}`);
  }
  return lines.join('\n');
}

/** The stderr line after one run, like the other suites' progress lines. */
export function formatRenderProgress(n: number, path: string, run: number, runs: number, result: RenderRunResult): string {
  const label = `[render n=${n} run ${run + 1}/${runs}] ${path}`;
  if (isRenderRunFailure(result)) return `${label}: failed: ${result.error}`;
  if (result.samples.length === 0) return `${label}: no measured frame`;
  const of = (pick: (s: FrameSample) => number): string => formatMs(median(result.samples.map(pick)));
  return (
    `${label}: total ${of((s) => s.simMs + s.writeMs + s.drawMs)} ms/frame ` +
    `(sim ${of((s) => s.simMs)}, write ${of((s) => s.writeMs)}, draw ${of((s) => s.drawMs)}` +
    `${path === 'copy' ? `, transfer ${of((s) => s.transferMs ?? Number.NaN)}` : ''}), ` +
    `${result.samples.length} frames after ${result.warmupFrames} warm-up, GL drain ${of((s) => s.drainMs)} ms`
  );
}
