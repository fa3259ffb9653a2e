// The benchmark target: Tessera's relay holds at least the CCU the minimal ws relay holds
// (p99 ≤ 50 ms, 100% delivery, no errors), at no more relay CPU per 1000 CCU.
import type { RelayRow } from './RelayRow.ts';
import type { RelayName } from './relayTargets.ts';
import { relayWorkload } from './relayWorkload.ts';

export interface RelayTargetVerdict {
  readonly held: Readonly<Record<RelayName, number>>;
  /** Steps both relays completed where Tessera's relay used more CPU per 1000 CCU. */
  readonly costlierAt: readonly number[];
  readonly met: boolean;
}

const holds = (row: RelayRow): boolean =>
  row.p99_ms != null && row.p99_ms <= relayWorkload.heldP99Ms && row.delivered_pct === 100 && row.errors === 0;

/** The largest step a relay held with every smaller step held too (0 if it held none). */
function heldCcu(rows: readonly RelayRow[], relay: RelayName): number {
  let held = 0;
  for (const row of rows.filter((r) => r.relay === relay).sort((a, b) => a.ccu - b.ccu)) {
    if (!holds(row)) break;
    held = row.ccu;
  }
  return held;
}

export function judgeRelayTarget(rows: readonly RelayRow[]): RelayTargetVerdict {
  const held = { tessera: heldCcu(rows, 'tessera'), 'tessera-verify': heldCcu(rows, 'tessera-verify'), 'minimal-ws': heldCcu(rows, 'minimal-ws') };
  const costlierAt: number[] = [];
  for (const row of rows.filter((r) => r.relay === 'tessera')) {
    const floor = rows.find((r) => r.relay === 'minimal-ws' && r.ccu === row.ccu);
    if (row.relay_cpu_per_1000_ccu == null || floor?.relay_cpu_per_1000_ccu == null) continue;
    if (row.relay_cpu_per_1000_ccu > floor.relay_cpu_per_1000_ccu) costlierAt.push(row.ccu);
  }
  return { held, costlierAt, met: held.tessera >= held['minimal-ws'] && costlierAt.length === 0 };
}
