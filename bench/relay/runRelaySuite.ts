// `npm run bench -- relay`: RELAY.md's CCU steps against Tessera's relay and the minimal ws relay
// in the same run. Within a step, run r measures every relay still in play once, the order
// rotated per run so drift on the machine hits them alike; medians are reported. A relay whose
// median passes RELAY.md's stop limits gets no bigger step.
import { measureRelayRun } from './measureRelayRun.ts';
import type { RelayRow } from './RelayRow.ts';
import { relayTargets, type RelayName } from './relayTargets.ts';
import { relayWorkload } from './relayWorkload.ts';
import { summarizeRelayRuns, type RelayRunResult } from './summarizeRelayRuns.ts';

export interface RelaySuiteOptions {
  readonly runs: number;
  readonly ccuSteps: readonly number[];
}

function keepsGoing(row: RelayRow): boolean {
  return (
    row.p99_ms != null &&
    row.delivered_pct != null &&
    row.p99_ms <= relayWorkload.stopAboveP99Ms &&
    row.delivered_pct >= relayWorkload.stopBelowDeliveredPct
  );
}

function describe(result: RelayRunResult): string {
  if ('error' in result) return `failed: ${result.error}`;
  const v = result.values;
  return (
    `${v.msgs_per_s} msgs/s, p50 ${v.p50_ms} ms, p99 ${v.p99_ms} ms, delivered ${v.delivered_pct}%, relay CPU ${v.relay_cpu_pct}%, ` +
    `generator CPU ${v.gen_cpu_pct}%, skipped ${v.skipped_pct}%, errors ${v.errors}${result.firstFailure === null ? '' : ` (first: ${result.firstFailure})`}`
  );
}

export async function runRelaySuite(options: RelaySuiteOptions, log: (line: string) => void, onStep: (rows: readonly RelayRow[]) => void): Promise<RelayRow[]> {
  const rows: RelayRow[] = [];
  let inPlay = [...relayTargets];
  for (const ccu of options.ccuSteps) {
    if (inPlay.length === 0) break;
    const results = new Map<RelayName, RelayRunResult[]>(inPlay.map((target) => [target.name, []]));
    for (let run = 0; run < options.runs; run++) {
      const order = [...inPlay.slice(run % inPlay.length), ...inPlay.slice(0, run % inPlay.length)];
      for (const target of order) {
        let result: RelayRunResult;
        try {
          result = await measureRelayRun(target, ccu);
        } catch (err) {
          result = { error: err instanceof Error ? err.message : String(err) };
        }
        results.get(target.name)!.push(result);
        log(`[relay ccu=${ccu} run ${run + 1}/${options.runs}] ${target.name}: ${describe(result)}`);
      }
    }
    const stepRows = inPlay.map((target) => summarizeRelayRuns(target.name, ccu, results.get(target.name)!));
    rows.push(...stepRows);
    onStep(stepRows);
    inPlay = inPlay.filter((_, i) => keepsGoing(stepRows[i]!));
  }
  return rows;
}
