// Determinism of whole matches: the same seed and input log give the same hash after every tick in
// separate wasm instances and when a match is recreated in the same instance (even after a larger
// match has reused the memory); a different seed or input log gives a different match. Also checks
// the match really plays: goals are scored and it ends exactly after countdown + matchTicks.
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadSim, stateHash, arenaCopy, hex, xorshift32, below, packInput, BUTTON_DASH, Phase,
  type Sim,
} from './support/simTest.ts';
import { diffState, formatStateDiff } from '../host/diffState.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';

const KICKOFF_TICKS = 120;
const MATCH_TICKS = 1200;
const TOTAL = KICKOFF_TICKS + MATCH_TICKS + 30; // run a little past the end too

const config: MatchConfig = { seed: 0x5eed1234, players: 8, botMask: 0b10110110, matchTicks: MATCH_TICKS, orbs: 40 };

/** Inputs for all 8 slots per tick (bot slots' entries are ignored by the sim). */
function inputLog(seed: number, ticks: number): number[][] {
  const next = xorshift32(seed);
  const held = [0, 0, 0, 0, 0, 0, 0, 0];
  const log: number[][] = [];
  for (let t = 0; t < ticks; t++) {
    const row: number[] = [];
    for (let slot = 0; slot < 8; slot++) {
      if (below(next, 12) === 0) held[slot] = packInput(0, below(next, 255) - 127, below(next, 255) - 127);
      row.push(held[slot]! | (below(next, 15) === 0 ? BUTTON_DASH : 0));
    }
    log.push(row);
  }
  return log;
}

interface Run {
  hashes: number[];
  phases: number[];
  goals: number[];
  ticksLeft: number;
  final: Uint8Array;
}

function play(sim: Sim, cfg: MatchConfig, inputs: number[][]): Run {
  sim.start(cfg, 0);
  const e = sim.exports;
  const run: Run = { hashes: [stateHash(e)], phases: [e.phase()], goals: [0], ticksLeft: -1, final: new Uint8Array() };
  for (let t = 0; t < inputs.length; t++) {
    sim.stepWith(inputs[t]!);
    run.hashes.push(stateHash(e));
    run.phases.push(e.phase());
    run.goals.push(e.score(0) + e.score(1));
  }
  run.ticksLeft = e.ticksLeft();
  run.final = arenaCopy(e);
  return run;
}

function firstDifference(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function assertSameRun(a: Run, b: Run, what: string): void {
  const tick = firstDifference(a.hashes, b.hashes);
  assert.equal(tick, -1, `${what}: first differing tick ${tick} (${hex(a.hashes[tick] ?? 0)} vs ${hex(b.hashes[tick] ?? 0)})`);
  assert.equal(formatStateDiff(diffState(sim.exports, a.final, b.final)), '', `${what}: final arenas are byte-identical`);
  assert.deepEqual(b.goals, a.goals, `${what}: same scoring`);
}

const sim = await loadSim();
const inputs = inputLog(99, TOTAL);
const reference = play(sim, config, inputs);

test('the match plays: goals are scored and it ends exactly after countdown + matchTicks', () => {
  const endTick = KICKOFF_TICKS + MATCH_TICKS;
  reference.phases.forEach((phase, tick) => {
    const want = tick < KICKOFF_TICKS ? Phase.Countdown : tick < endTick ? Phase.Playing : Phase.Ended;
    assert.equal(phase, want, `phase after ${tick} ticks`);
  });
  const finalGoals = reference.goals[endTick]!;
  assert.ok(finalGoals >= 2, `goals must be scored (${finalGoals})`);
  assert.equal(reference.goals[KICKOFF_TICKS], 0, 'no goals during the kickoff countdown');
  assert.equal(reference.goals[reference.goals.length - 1], finalGoals, 'no goals after the end');
  assert.equal(reference.ticksLeft, 0, 'the clock ran out');
  // The score only ever goes up.
  for (let t = 1; t < reference.goals.length; t++) assert.ok(reference.goals[t]! >= reference.goals[t - 1]!);
  // Every tick of play changes the state.
  assert.equal(new Set(reference.hashes.slice(0, endTick + 1)).size, endTick + 1, 'each tick has its own hash');
});

test('same seed and inputs: identical hash sequence in a separate instance (clone)', async () => {
  const other = await sim.clone();
  assertSameRun(reference, play(other, config, inputs), 'cloned instance');
});

test('same seed and inputs: identical when recreated in the same instance, also after a larger match reused the memory', async () => {
  assertSameRun(reference, play(sim, config, inputs), 'second matchCreate in the same instance');
  // A bigger match (more orbs: larger arena, larger field) leaves other bytes in the reused block.
  const big = play(sim, { ...config, orbs: 300, seed: 3 }, inputs.slice(0, 200));
  assert.ok(big.final.length > reference.final.length, 'the larger match uses a larger arena');
  assertSameRun(reference, play(sim, config, inputs), 'after a larger match in the same instance');
  // And two instances stepping in lockstep, interleaved tick by tick, agree all along.
  const a = await sim.clone(), b = await sim.clone();
  a.start(config, 0);
  b.start(config, 0);
  for (let t = 0; t < inputs.length; t++) {
    a.stepWith(inputs[t]!);
    b.stepWith(inputs[t]!);
    assert.equal(hex(b.hash()), hex(a.hash()), `interleaved instances differ at tick ${t + 1}`);
    assert.equal(hex(a.hash()), hex(reference.hashes[t + 1]!), `interleaved run differs from the reference at tick ${t + 1}`);
  }
});

test('a different seed gives a different match', async () => {
  const other = play(await sim.clone(), { ...config, seed: config.seed + 1 }, inputs);
  const same = reference.hashes.filter((h, t) => other.hashes[t] === h).length;
  assert.equal(same, 0, `hash sequences must differ at every tick (equal at ${same} ticks)`);
  assert.notDeepEqual(other.goals, reference.goals, 'and play out differently');
});

test('different human inputs give a different match, but only once the kickoff countdown is over', async () => {
  const other = play(await sim.clone(), config, inputLog(100, TOTAL));
  const tick = firstDifference(reference.hashes, other.hashes);
  assert.equal(tick, KICKOFF_TICKS + 1, 'inputs are ignored during the countdown and matter from the first tick of play');
  const differing = reference.hashes.filter((h, t) => other.hashes[t] !== h).length;
  assert.equal(differing, reference.hashes.length - (KICKOFF_TICKS + 1), 'once diverged, the matches stay different');
});
