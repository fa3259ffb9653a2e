// Benchmark orchestrator: `npm run bench -- [arena|move|rollback|render|update|relay ...] [--json] [--runs R]`.
// Every measurement runs in its own worker process (bench/worker.ts); runs of one (suite, n) are
// interleaved across implementations, and medians plus ratios to the plain-JS baseline are reported.
// The render and update suites run in headless Chromium instead (bench/render/, bench/update/),
// and the relay suite drives relay processes with a load generator (bench/relay/), each with a
// table of its own.
import { BenchError } from './BenchError.ts';
import { planMeasurementGroups } from './orchestrate/planMeasurementGroups.ts';
import { benchUsage, parseBenchArgs } from './orchestrate/parseBenchArgs.ts';
import { runMeasurementGroup } from './orchestrate/runMeasurementGroup.ts';
import type { RelayRow } from './relay/RelayRow.ts';
import { formatRenderProgress, formatRenderTable } from './render/formatRenderTable.ts';
import type { RenderRow } from './render/RenderRow.ts';
import { formatJsonLine } from './report/formatJsonLine.ts';
import { formatTable } from './report/formatTable.ts';
import { summarizeGroup } from './report/summarizeGroup.ts';
import type { SummaryRow } from './report/SummaryRow.ts';
import type { UpdateSuiteRow } from './update/UpdateRow.ts';
import { isWorkerFailure } from './WorkerResult.ts';

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${benchUsage}\n`);
    return 0;
  }
  const rows: SummaryRow[] = [];
  for (const group of planMeasurementGroups(options.suites)) {
    const groupRuns = await runMeasurementGroup(group, options.runs, (spec, run, runs, result) => {
      const label = `[${spec.suite} n=${spec.n} run ${run + 1}/${runs}] ${spec.impl}${spec.op === undefined ? '' : ` ${spec.op}`}`;
      const outcome = isWorkerFailure(result) ? `failed: ${result.error}` : `${result.ns.toFixed(2)} ns, checksum ${result.checksum}`;
      process.stderr.write(`${label}: ${outcome}\n`);
    });
    const groupRows = summarizeGroup(groupRuns, options.runs);
    rows.push(...groupRows);
    // JSON lines stream out as each group finishes; the table needs every row for its widths.
    if (options.json) for (const row of groupRows) process.stdout.write(`${formatJsonLine(row)}\n`);
  }
  let renderRows: RenderRow[] = [];
  if (options.render) {
    // Loaded only when asked for: it brings in Vite and Playwright.
    const { runRenderSuite } = await import('./render/runRenderSuite.ts');
    renderRows = await runRenderSuite(
      options.runs,
      (n, path, run, runs, result) => process.stderr.write(`${formatRenderProgress(n, path, run, runs, result)}\n`),
      (groupRows) => {
        if (options.json) for (const row of groupRows) process.stdout.write(`${JSON.stringify(row)}\n`);
      },
    );
  }
  let updateRows: UpdateSuiteRow[] = [];
  let updateTable = '';
  if (options.update) {
    // Loaded only when asked for: it brings in Playwright and builds the game five times.
    const { runUpdateSuite } = await import('./update/runUpdateSuite.ts');
    const { formatUpdateTable } = await import('./update/formatUpdateTable.ts');
    updateRows = await runUpdateSuite(
      (line) => process.stderr.write(`${line}\n`),
      (row) => {
        if (options.json) process.stdout.write(`${JSON.stringify(row)}\n`);
      },
    );
    updateTable = formatUpdateTable(updateRows);
  }
  let relayRows: RelayRow[] = [];
  let relayTable = '';
  if (options.relay) {
    // Loaded only when asked for: it starts relays and thousands of bots.
    const { runRelaySuite } = await import('./relay/runRelaySuite.ts');
    const { formatRelayTable } = await import('./relay/formatRelayTable.ts');
    relayRows = await runRelaySuite(
      { runs: options.runs, ccuSteps: options.ccu },
      (line) => process.stderr.write(`${line}\n`),
      (stepRows) => {
        if (options.json) for (const row of stepRows) process.stdout.write(`${JSON.stringify(row)}\n`);
      },
    );
    relayTable = formatRelayTable(relayRows);
  }
  if (!options.json) {
    const tables = [
      ...(rows.length > 0 ? [formatTable(rows)] : []),
      ...(renderRows.length > 0 ? [formatRenderTable(renderRows)] : []),
      ...(updateRows.length > 0 ? [updateTable] : []),
      ...(relayRows.length > 0 ? [relayTable] : []),
    ];
    process.stdout.write(`${tables.join('\n\n')}\n`);
  }
  const failed = [...rows, ...renderRows, ...updateRows, ...relayRows].filter((row) => row.error !== undefined).length;
  if (failed > 0) process.stderr.write(`${failed} measurement(s) failed; see the error fields.\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (err: unknown) => {
    if (err instanceof BenchError) process.stderr.write(`${err.message}\n${benchUsage}\n`);
    else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
