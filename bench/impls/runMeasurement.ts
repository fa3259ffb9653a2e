import { BenchError } from '../BenchError.ts';
import type { MeasurementSpec } from '../MeasurementSpec.ts';
import type { RunOutcome } from '../RunOutcome.ts';
import { suites } from '../suites.ts';
import type { ArenaState } from '../workloads/ArenaState.ts';
import { verifiedInitialState } from '../workloads/verifiedInitialState.ts';
import { JsSoaGridArena } from './arena/JsSoaGridArena.ts';
import { createRapierArena } from './arena/createRapierArena.ts';
import { createTesseraArena } from './arena/createTesseraArena.ts';
import { BitecsMove } from './move/BitecsMove.ts';
import { JsLoopMove } from './move/JsLoopMove.ts';
import { createTesseraMove } from './move/createTesseraMove.ts';
import { isRollbackOp, runTesseraRollback } from './rollback/runTesseraRollback.ts';
import { runStepProtocol } from './runStepProtocol.ts';
import type { SteppedSimulation } from './SteppedSimulation.ts';

type SimulationFactory = (initial: ArenaState) => SteppedSimulation | Promise<SteppedSimulation>;

const arenaImpls: Readonly<Record<string, SimulationFactory>> = {
  'js-soa-grid': (initial) => new JsSoaGridArena(initial),
  'rapier2d-deterministic': createRapierArena,
  tessera: createTesseraArena,
};

const moveImpls: Readonly<Record<string, SimulationFactory>> = {
  'js-loop': (initial) => new JsLoopMove(initial),
  bitecs: (initial) => new BitecsMove(initial),
  tessera: createTesseraMove,
};

function unknownImpl(spec: MeasurementSpec): BenchError {
  const known = suites[spec.suite].impls.join(', ');
  return new BenchError('unknown-impl', `suite ${spec.suite} has no impl "${spec.impl}" (known: ${known})`);
}

/** Builds the implementation a spec names and runs its suite's timing protocol once. */
export async function runMeasurement(spec: MeasurementSpec): Promise<RunOutcome> {
  switch (spec.suite) {
    case 'arena':
    case 'move': {
      const factory = (spec.suite === 'arena' ? arenaImpls : moveImpls)[spec.impl];
      if (factory === undefined) throw unknownImpl(spec);
      const simulation = await factory(verifiedInitialState(spec.n));
      return runStepProtocol(simulation, suites[spec.suite].reportsEnergy);
    }
    case 'rollback': {
      if (spec.impl !== 'tessera') throw unknownImpl(spec);
      if (!isRollbackOp(spec.op)) {
        throw new BenchError('bad-args', `rollback needs --op ${suites.rollback.ops?.join(' | ')}, got ${spec.op}`);
      }
      return runTesseraRollback(spec.n, spec.op);
    }
  }
}
