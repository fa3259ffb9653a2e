// Rollback sync test on the demo game: snapshot before every step, then at every tick roll back
// k = 1..8 ticks, re-simulate the same inputs and require the very same state hash after every
// re-simulated tick. Also: a mispredicted branch leaves no trace, and a tick the ring no longer
// holds is refused without touching the state.
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadSim, stateHash, arenaCopy, hex, xorshift32, below, packInput, BUTTON_DASH, Phase,
  type SimExports,
} from './support/simTest.ts';
import { diffState, formatStateDiff } from '../host/diffState.ts';

const sim = await loadSim();
const e = sim.exports;

const RING = 16;
const TICKS = 900; // 120 kickoff ticks, then 13 s of play
const MAX_ROLLBACK = 8;
const KICKOFF_TICKS = 120;

/** Slot 0's input for each tick: a held stick that changes every 1..24 ticks, dash taps now and then. */
function inputLog(seed: number, ticks: number): number[] {
  const next = xorshift32(seed);
  const log: number[] = [];
  let held = 0, left = 0;
  for (let t = 0; t < ticks; t++) {
    if (left-- <= 0) {
      held = packInput(0, below(next, 255) - 127, below(next, 255) - 127);
      left = 1 + below(next, 24);
    }
    log.push(held | (below(next, 10) === 0 ? BUTTON_DASH : 0));
  }
  return log;
}

function start(seed: number): void {
  sim.start({ seed, players: 4, botMask: 0b1110, matchTicks: 0, orbs: 40 }, RING);
}

/** One rollback-netcode step: snapshot the current tick, apply its input, advance. */
function advance(ex: SimExports, input: number): void {
  ex.snapshot();
  ex.setInput(0, input);
  ex.step();
}

/** Re-simulate ticks [from, to) and return the first tick whose hash differs from `hashes`, or -1. */
function resimulate(from: number, to: number, inputs: number[], hashes: number[]): number {
  for (let s = from; s < to; s++) {
    advance(e, inputs[s]!);
    if (stateHash(e) !== hashes[s + 1]) return s + 1;
  }
  return -1;
}

test('rollback by 1..8 ticks at every tick re-simulates bit-identically (kickoff, play and goals)', (t) => {
  const seed = 20240611;
  const inputs = inputLog(seed, TICKS);
  start(seed);
  assert.equal(e.ringSlots(), RING);
  const hashes: number[] = [stateHash(e)];
  const scores: number[] = [0];
  let rollbacks = 0, goalWindows = 0, kickoffWindows = 0;
  for (let tick = 0; tick < TICKS; tick++) {
    advance(e, inputs[tick]!);
    const now = tick + 1;
    assert.equal(e.tick(), now);
    hashes.push(stateHash(e));
    scores.push(e.score(0) + e.score(1));
    for (let k = 1; k <= MAX_ROLLBACK && k <= now; k++) {
      const from = now - k;
      assert.equal(e.restore(from), 1, `tick ${now}: restore(${from}) must succeed (${k} back, ring ${RING})`);
      assert.equal(e.tick(), from, `tick ${now}: restore(${from}) brings the tick counter back`);
      assert.equal(hex(stateHash(e)), hex(hashes[from]!), `tick ${now}: restored state of tick ${from} has the hash it had then`);
      const bad = resimulate(from, now, inputs, hashes);
      assert.equal(bad, -1,
        `rollback at tick ${now} by ${k}: first mismatching tick ${bad} ` +
        `(hash ${hex(stateHash(e))}, first run ${hex(hashes[bad] ?? 0)})`);
      rollbacks++;
      if (scores[from] !== scores[now]) goalWindows++;
      if (from < KICKOFF_TICKS && now >= KICKOFF_TICKS) kickoffWindows++;
    }
  }
  const goals = e.score(0) + e.score(1);
  t.diagnostic(`${rollbacks} rollbacks over ${TICKS} ticks; ${goals} goals; ${goalWindows} rollbacks across a goal`);
  assert.equal(e.phase(), Phase.Playing);
  assert.ok(goals > 0, 'the run must include goals');
  assert.ok(goalWindows > 0, 'some rollbacks must span a goal (despawn + score)');
  assert.ok(kickoffWindows > 0, 'some rollbacks must span the end of the kickoff countdown');
  assert.ok(rollbacks > TICKS * MAX_ROLLBACK * 0.9);
});

test('a mispredicted branch leaves no trace: predict wrong, roll back, re-simulate the truth', () => {
  const seed = 77;
  const inputs = inputLog(seed, 600);
  const wrong = inputLog(seed + 1, 600);
  start(seed);
  const hashes: number[] = [stateHash(e)];
  for (let tick = 0; tick < 600; tick++) {
    advance(e, inputs[tick]!);
    hashes.push(stateHash(e));
  }
  // The same match again, this time predicting the wrong inputs for the last k ticks and
  // correcting them once the "remote" inputs arrive.
  start(seed);
  let diverged = 0;
  for (let tick = 0; tick < 600; tick++) {
    advance(e, inputs[tick]!);
    const now = tick + 1;
    if (now % 5 !== 0 || now < 8) continue;
    const k = 1 + (now % MAX_ROLLBACK);
    const from = now - k;
    assert.equal(e.restore(from), 1);
    for (let s = from; s < now; s++) advance(e, wrong[s]!);
    if (stateHash(e) !== hashes[now]) diverged++;
    assert.equal(e.restore(from), 1, `tick ${now}: the ring still holds tick ${from} after the wrong branch`);
    const bad = resimulate(from, now, inputs, hashes);
    assert.equal(bad, -1, `correction at tick ${now} (rolled back ${k}): first mismatching tick ${bad}`);
  }
  assert.ok(diverged > 50, `the wrong inputs must actually change the state (${diverged} branches diverged)`);
});

test('restore of a tick the ring no longer holds returns 0 and leaves the state untouched', () => {
  const seed = 4242;
  const inputs = inputLog(seed, 400);
  start(seed);
  // Nothing saved yet: even tick 0 is refused.
  let bytes = arenaCopy(e);
  for (const t of [0, 1, 5, -1]) {
    assert.equal(e.restore(t), 0, `restore(${t}) before any snapshot`);
    assert.equal(formatStateDiff(diffState(e, arenaCopy(e), bytes)), '', `restore(${t}) left the state alone`);
  }
  const hashes: number[] = [stateHash(e)];
  for (let tick = 0; tick < 400; tick++) {
    advance(e, inputs[tick]!);
    const now = tick + 1;
    hashes.push(stateHash(e));
    if (now < 2 * RING || now % 37 !== 0) continue;
    bytes = arenaCopy(e);
    const hash = stateHash(e);
    // Snapshots of ticks now−16 .. now−1 are in the ring; anything else is gone or not yet taken.
    for (const t of [now - RING - 1, now - 2 * RING, now, now + 1, now + RING, -1, -RING, 0x7fffffff]) {
      assert.equal(e.restore(t), 0, `tick ${now}: restore(${t}) must be refused`);
      assert.equal(e.tick(), now, `tick ${now}: refused restore(${t}) kept the tick`);
      assert.equal(stateHash(e), hash, `tick ${now}: refused restore(${t}) kept the hash`);
      assert.equal(formatStateDiff(diffState(e, arenaCopy(e), bytes)), '', `tick ${now}: refused restore(${t}) kept every byte`);
    }
    // The oldest tick still held comes back, and re-simulating from it reproduces the run.
    assert.equal(e.restore(now - RING), 1, `tick ${now}: restore(${now - RING}), the oldest held`);
    assert.equal(stateHash(e), hashes[now - RING]);
    const bad = resimulate(now - RING, now, inputs, hashes);
    assert.equal(bad, -1, `rollback at tick ${now} by ${RING}: first mismatching tick ${bad}`);
  }
});
