// What the bench measures: the suites, their sizes and their implementations. Shared by the
// orchestrator (what to spawn) and the worker (what it may be asked to run).

export type SuiteName = 'arena' | 'move' | 'rollback';

export const suiteNames: readonly SuiteName[] = ['arena', 'move', 'rollback'];

/**
 * Suites measured in headless Chromium (bench/render/, bench/update/) rather than in worker
 * processes. They run only when named: they need a Chromium and take minutes.
 */
export type BrowserSuiteName = 'render' | 'update';

export const browserSuiteNames: readonly BrowserSuiteName[] = ['render', 'update'];

export interface SuiteDefinition {
  /** N values (bodies) measured, one group each. */
  readonly sizes: readonly number[];
  /** Implementations, in the order they run within a group (rotated per run). */
  readonly impls: readonly string[];
  /** Operations measured separately per impl, for suites timed per operation. */
  readonly ops?: readonly string[];
  /** Plain-JS implementation every other impl is compared with (vs_js); none for Tessera-only suites. */
  readonly baseline?: string;
  /** Per-body-step suites report ns_per_body_step; the others ns_per_op. */
  readonly metric: 'ns_per_body_step' | 'ns_per_op';
  /** Whether the run reports ke_ratio. */
  readonly reportsEnergy: boolean;
}

/** Match setup of the rollback suite: 8 bot players and 1000 orbs, so n = 1008 bodies. */
export const rollbackMatch = {
  seed: 42,
  players: 8,
  botMask: 0xff,
  matchTicks: 36000,
  ringSlots: 16,
  warmupTicks: 120,
  /** Ticks re-simulated after each restore. */
  rollbackTicks: 8,
} as const;

export const suites: Readonly<Record<SuiteName, SuiteDefinition>> = {
  arena: {
    sizes: [1000, 5000, 20000],
    impls: ['js-soa-grid', 'rapier2d-deterministic', 'tessera'],
    baseline: 'js-soa-grid',
    metric: 'ns_per_body_step',
    reportsEnergy: true,
  },
  move: {
    sizes: [100000],
    impls: ['js-loop', 'bitecs', 'tessera'],
    baseline: 'js-loop',
    metric: 'ns_per_body_step',
    reportsEnergy: false,
  },
  rollback: {
    sizes: [1000 + rollbackMatch.players],
    impls: ['tessera'],
    ops: ['restore+8ticks', 'snapshot'],
    metric: 'ns_per_op',
    reportsEnergy: false,
  },
};

export function isSuiteName(name: string): name is SuiteName {
  return (suiteNames as readonly string[]).includes(name);
}

export function isBrowserSuiteName(name: string): name is BrowserSuiteName {
  return (browserSuiteNames as readonly string[]).includes(name);
}
