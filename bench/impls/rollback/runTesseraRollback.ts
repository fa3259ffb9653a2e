import { BenchError } from '../../BenchError.ts';
import type { RunOutcome } from '../../RunOutcome.ts';
import { rollbackMatch } from '../../suites.ts';
import { gameWasmExportNames, type GameWasmExports } from '../../tessera/GameWasmExports.ts';
import { loadTesseraWasm } from '../../tessera/loadTesseraWasm.ts';

export type RollbackOp = 'restore+8ticks' | 'snapshot';

export function isRollbackOp(op: string | undefined): op is RollbackOp {
  return op === 'restore+8ticks' || op === 'snapshot';
}

/** Wall time the timed loop aims for; the repetition count is calibrated untimed to reach it. */
const TARGET_TIMED_NS = 500e6;
const CALIBRATION_NS = 50e6;
const MIN_REPETITIONS = 20;

/** Runs `body` repeatedly for about `budgetNs`; returns the measured ns per call. */
function estimateNsPerCall(body: () => void, budgetNs: number): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    body();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start);
  } while (elapsed < budgetNs);
  return elapsed / calls;
}

/**
 * Rollback cost in the game module (build/tessera.wasm), all-bot match of n bodies (orbs + players).
 * After 120 warm-up ticks (snapshot before each step), times either many "restore(tick - 8) then
 * 8 x (snapshot; step)" — a rollback of 8 ticks, state ending where it started — or many snapshot()s.
 */
export async function runTesseraRollback(n: number, op: RollbackOp): Promise<RunOutcome> {
  const wasm = await loadTesseraWasm<GameWasmExports>('tessera.wasm', gameWasmExportNames);
  const orbs = n - rollbackMatch.players;
  wasm.matchCreate(
    rollbackMatch.seed,
    rollbackMatch.players,
    rollbackMatch.botMask,
    rollbackMatch.matchTicks,
    orbs,
    rollbackMatch.ringSlots,
  );
  for (let t = 0; t < rollbackMatch.warmupTicks; t++) {
    wasm.snapshot();
    wasm.step();
  }

  const ticks = rollbackMatch.rollbackTicks;
  let failedRestores = 0;
  const restoreAndResimulate = (): void => {
    failedRestores += wasm.restore(wasm.tick() - ticks) === 1 ? 0 : 1;
    for (let k = 0; k < ticks; k++) {
      wasm.snapshot();
      wasm.step();
    }
  };
  const body = op === 'snapshot' ? wasm.snapshot : restoreAndResimulate;

  const repetitions = Math.max(MIN_REPETITIONS, Math.ceil(TARGET_TIMED_NS / estimateNsPerCall(body, CALIBRATION_NS)));
  const start = process.hrtime.bigint();
  for (let r = 0; r < repetitions; r++) body();
  const elapsedNs = Number(process.hrtime.bigint() - start);

  if (failedRestores > 0) {
    throw new BenchError('restore-failed', `restore(tick - ${ticks}) returned 0 in ${failedRestores} repetitions`);
  }
  return {
    elapsedNs,
    iterations: repetitions,
    ticksPerIteration: op === 'snapshot' ? 0 : ticks,
    checksum: wasm.stateHash() >>> 0,
  };
}
