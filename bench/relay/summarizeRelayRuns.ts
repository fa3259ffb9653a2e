import { median } from '../report/median.ts';
import type { RelayMedians, RelayRow, RelayRunValues } from './RelayRow.ts';
import type { RelayName } from './relayTargets.ts';

/** A run's values (firstFailure: why the first room that failed to open did, if one did), or why the run failed. */
export type RelayRunResult = { readonly values: RelayRunValues; readonly firstFailure: string | null } | { readonly error: string };

/** Medians over the successful runs (per field, nulls left out); run_values = each run's p99. */
export function summarizeRelayRuns(relay: RelayName, ccu: number, results: readonly RelayRunResult[]): RelayRow {
  const ok = results.flatMap((result) => ('values' in result ? [result.values] : []));
  const errors = results.flatMap((result) => ('error' in result ? [result.error] : []));
  const medians: { -readonly [Key in keyof RelayMedians]: RelayMedians[Key] } = {};
  if (ok.length > 0) {
    for (const key of Object.keys(ok[0]!) as (keyof RelayRunValues)[]) {
      const values = ok.map((run) => run[key]).filter((value): value is number => value !== null);
      medians[key] = values.length === 0 ? null : Number(median(values).toFixed(3));
    }
  }
  return {
    suite: 'relay',
    relay,
    ccu,
    ...medians,
    runs: results.length,
    run_values: results.map((result) => ('values' in result ? result.values.p99_ms : null)),
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
}
