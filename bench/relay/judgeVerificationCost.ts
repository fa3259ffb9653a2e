// The verification target: relay CPU with verification on is at most 1.2× without it at
// 1000 CCU (the same run, the same workload; rows 'tessera-verify' against 'tessera').
import type { RelayRow } from './RelayRow.ts';

export const VERIFY_CPU_RATIO_TARGET = 1.2;
export const VERIFY_TARGET_CCU = 1000;

export interface VerificationCost {
  /** Relay CPU with verification over without, per CCU step both completed. */
  readonly ratios: readonly { readonly ccu: number; readonly ratio: number }[];
  /** The ratio at VERIFY_TARGET_CCU; null when that step was not measured. */
  readonly atTarget: number | null;
  readonly met: boolean;
}

export function judgeVerificationCost(rows: readonly RelayRow[]): VerificationCost {
  const ratios: { ccu: number; ratio: number }[] = [];
  for (const verifying of rows.filter((r) => r.relay === 'tessera-verify')) {
    const plain = rows.find((r) => r.relay === 'tessera' && r.ccu === verifying.ccu);
    if (verifying.relay_cpu_pct == null || plain?.relay_cpu_pct == null || plain.relay_cpu_pct === 0) continue;
    ratios.push({ ccu: verifying.ccu, ratio: Number((verifying.relay_cpu_pct / plain.relay_cpu_pct).toFixed(3)) });
  }
  const atTarget = ratios.find((r) => r.ccu === VERIFY_TARGET_CCU)?.ratio ?? null;
  return { ratios, atTarget, met: atTarget !== null && atTarget <= VERIFY_CPU_RATIO_TARGET };
}
