// The "lockstep-relay" workload of ../shared/bench/RELAY.md, in numbers.
import type { MeasureSchedule } from '../../bots/botWorkerMessages.ts';

export const relayWorkload = {
  playersPerRoom: 8,
  ccuSteps: [1000, 2000, 4000, 8000],
  schedule: { warmupMs: 3000, windowMs: 20_000, tailMs: 1000, drainMs: 1000 } satisfies MeasureSchedule,
  /** The load generator's worker threads: one per core of the reference machine. */
  generatorThreads: 2,
  /** A relay gets no bigger step once its median run passes either limit. */
  stopAboveP99Ms: 100,
  stopBelowDeliveredPct: 99,
  /** The target: the CCU a relay holds at this p99 with 100% delivery. */
  heldP99Ms: 50,
} as const;
