import type { RunOutcomeRow } from '../report/formatTable.ts';
import type { RelayName } from './relayTargets.ts';

/** What one run of one relay at one CCU step measured (RELAY.md's fields; window = the 20 s). */
export interface RelayRunValues {
  /** Bots in a running match and connected at the end of the window. */
  readonly ccu_running: number;
  readonly msgs_per_s: number;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  readonly delivered_pct: number | null;
  /** utime + stime over the window; 100 = one core. */
  readonly relay_cpu_pct: number;
  readonly relay_cpu_per_1000_ccu: number;
  /** Peak RSS (VmHWM) over the relay's life. */
  readonly relay_rss_mb: number;
  readonly gen_cpu_pct: number;
  /** Everything else the machine ran during the window (busy CPU − relay − generator). */
  readonly other_cpu_pct: number;
  /** Sends the generator skipped because it fell behind, in % of the sends due. */
  readonly skipped_pct: number;
  /** Unexpected closes, failed room requests, decode errors and bots never connected. */
  readonly errors: number;
}

/** Medians over the runs of one relay at one CCU step (absent when every run failed; null when no run had a value). */
export type RelayMedians = { readonly [Key in keyof RelayRunValues]?: number | null };

export interface RelayRow extends RelayMedians, RunOutcomeRow {
  readonly suite: 'relay';
  readonly relay: RelayName;
  readonly ccu: number;
}
