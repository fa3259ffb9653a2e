import { BenchError } from '../BenchError.ts';
import type { ArenaState } from './ArenaState.ts';
import { arenaInitialState } from './arenaInitialState.ts';
import { fnv1aPositions } from './fnv1aPositions.ts';
import { formatChecksum } from './formatChecksum.ts';
import { initialStateChecksums } from './referenceChecksums.ts';

/** arenaInitialState(n), checked against the checksum ARENA.md publishes for n (when it does). */
export function verifiedInitialState(n: number): ArenaState {
  const state = arenaInitialState(n);
  const expected = initialStateChecksums[n];
  const actual = formatChecksum(fnv1aPositions(state.x, state.y));
  if (expected !== undefined && actual !== expected) {
    throw new BenchError('initial-state-mismatch', `initial state for N=${n} hashes to ${actual}, ARENA.md says ${expected}`);
  }
  return state;
}
