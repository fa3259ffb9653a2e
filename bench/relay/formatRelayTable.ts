import { alignedLines, outcomeColumns, type TableColumn } from '../report/formatTable.ts';
import { judgeRelayTarget } from './judgeRelayTarget.ts';
import { VERIFY_CPU_RATIO_TARGET, VERIFY_TARGET_CCU, judgeVerificationCost } from './judgeVerificationCost.ts';
import type { RelayRow } from './RelayRow.ts';
import { relayWorkload } from './relayWorkload.ts';

const fixed = (value: number | null | undefined, digits: number): string => (value == null ? '-' : value.toFixed(digits));

const columns: readonly TableColumn<RelayRow>[] = [
  { title: 'ccu', right: true, cell: (row) => String(row.ccu) },
  { title: 'relay', right: false, cell: (row) => row.relay },
  { title: 'msgs/s', right: true, cell: (row) => fixed(row.msgs_per_s, 0) },
  { title: 'of ideal', right: true, cell: (row) => (row.msgs_per_s == null ? '-' : `${((100 * row.msgs_per_s) / (row.ccu * 60)).toFixed(1)}%`) },
  { title: 'p50 ms', right: true, cell: (row) => fixed(row.p50_ms, 2) },
  { title: 'p99 ms', right: true, cell: (row) => fixed(row.p99_ms, 2) },
  { title: 'delivered %', right: true, cell: (row) => fixed(row.delivered_pct, 3) },
  { title: 'relay cpu %', right: true, cell: (row) => fixed(row.relay_cpu_pct, 1) },
  { title: 'cpu/1000 ccu', right: true, cell: (row) => fixed(row.relay_cpu_per_1000_ccu, 1) },
  { title: 'rss MB', right: true, cell: (row) => fixed(row.relay_rss_mb, 1) },
  { title: 'gen cpu %', right: true, cell: (row) => fixed(row.gen_cpu_pct, 1) },
  { title: 'other cpu %', right: true, cell: (row) => fixed(row.other_cpu_pct, 1) },
  { title: 'skipped %', right: true, cell: (row) => fixed(row.skipped_pct, 2) },
  { title: 'errors', right: true, cell: (row) => fixed(row.errors, 0) },
  ...outcomeColumns<RelayRow>(),
];

/** The relay suite's report: medians per (CCU, relay), what the relays do differently, the target's verdict. */
export function formatRelayTable(rows: readonly RelayRow[]): string {
  const lines = alignedLines(columns, rows);
  const verdict = judgeRelayTarget(rows);
  const verification = judgeVerificationCost(rows);
  const { schedule, heldP99Ms } = relayWorkload;
  lines.push(
    '',
    `Window ${schedule.windowMs / 1000} s after ${schedule.warmupMs / 1000} s of warm-up; p50/p99 over every (input, receiving member) pair; CPU % of one core`,
    'over the window (the machine has 2; the generator shares them: gen cpu %); spread = half the min-max range of p99 over runs.',
    'minimal-ws forwards raw 16-byte input records, every 16.7 ms per room, bundled, to every member. tessera confirms a tick as',
    'soon as all 8 inputs of the room are in (or 100 ms after it was due), not on a fixed 16.7 ms tick, and sends Frames in its binary',
    'protocol (16-byte frame header; per tick 8 inputs and their 8 f64 sender times); its clients authenticate (JWT) and join by code.',
    `Target (CCU held at p99 <= ${heldP99Ms} ms, 100% delivery, no errors): tessera ${verdict.held.tessera}, minimal-ws ${verdict.held['minimal-ws']}` +
      (verdict.costlierAt.length > 0 ? `; tessera used more relay CPU per 1000 CCU at ${verdict.costlierAt.join(', ')}` : '; relay CPU per 1000 CCU no higher') +
      ` -> ${verdict.met ? 'met' : 'NOT met'}.`,
    'tessera-verify is the same relay verifying every room (RELAY_VERIFY=1: each confirmed tick stepped through the sim, hashes kept);',
    `the bots send no StateHash. Relay CPU with verification / without: ${verification.ratios.map((r) => `${r.ratio}x at ${r.ccu}`).join(', ') || 'not measured'}` +
      ` (target <= ${VERIFY_CPU_RATIO_TARGET}x at ${VERIFY_TARGET_CCU} CCU) -> ${verification.atTarget === null ? `not measured at ${VERIFY_TARGET_CCU}` : verification.met ? 'met' : 'NOT met'}.`,
  );
  const failures = rows.filter((row) => row.error !== undefined);
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const row of failures) lines.push(`  relay ccu=${row.ccu} ${row.relay}: ${row.error}`);
  }
  return lines.join('\n');
}
