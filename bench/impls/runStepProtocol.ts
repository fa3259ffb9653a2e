import type { RunOutcome } from '../RunOutcome.ts';
import { arenaProtocol } from '../workloads/arenaProtocol.ts';
import type { SteppedSimulation } from './SteppedSimulation.ts';

/**
 * ARENA.md protocol on an already-built world: warm-up steps (untimed), timed steps with the wall
 * clock around the loop only and nothing read back per step, then checksum and energy.
 */
export function runStepProtocol(simulation: SteppedSimulation, reportEnergy: boolean): RunOutcome {
  const energyBefore = reportEnergy ? simulation.kineticEnergy() : 0;
  for (let s = 0; s < arenaProtocol.warmupSteps; s++) simulation.step();

  const timedSteps = arenaProtocol.timedSteps;
  const start = process.hrtime.bigint();
  for (let s = 0; s < timedSteps; s++) simulation.step();
  const elapsedNs = Number(process.hrtime.bigint() - start);

  const checksum = simulation.checksum();
  const outcome: RunOutcome = { elapsedNs, iterations: timedSteps, ticksPerIteration: 1, checksum };
  const result = reportEnergy ? { ...outcome, keRatio: simulation.kineticEnergy() / energyBefore } : outcome;
  simulation.dispose?.();
  return result;
}
