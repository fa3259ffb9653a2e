// Several worlds in one wasm instance (ARCHITECTURE §8, the relay's verifiers): worlds stepped
// interleaved tick by tick give exactly the hashes of separate instances, a freed world's memory
// is reused, and each world reports what it holds. Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSim } from './support/simTest.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';
import type { Sim } from '../host/Sim.ts';

const TICKS = 600;
const a: MatchConfig = { seed: 11, players: 4, botMask: 0, matchTicks: 300, orbs: 40 };
const b: MatchConfig = { seed: 12, players: 8, botMask: 0b1000_0000, matchTicks: 0, orbs: 12 };

/** Hash after every tick of a match alone in its own instance (world 0). */
async function alone(base: Sim, config: MatchConfig): Promise<number[]> {
  const sim = await base.clone();
  sim.start(config);
  const inputs = randomInputs(config.seed, config.players, config.botMask);
  const hashes: number[] = [];
  for (let t = 0; t < TICKS; t++) {
    sim.stepWith(inputs());
    hashes.push(sim.hash());
  }
  return hashes;
}

test('two worlds stepped interleaved in one instance hash exactly like two instances', async () => {
  const base = await loadSim();
  const [expectA, expectB] = [await alone(base, a), await alone(base, b)];
  assert.notDeepEqual(expectA, expectB);

  const sim = await base.clone();
  // World 0 plays too, with a snapshot ring: the others have none, and the hashes do not care.
  sim.start(a);
  const [worldA, worldB] = [sim.newWorld(), sim.newWorld()];
  worldA.start(a);
  worldB.start(b);
  const [inputsMain, inputsA, inputsB] = [randomInputs(a.seed, 4, 0), randomInputs(a.seed, 4, 0), randomInputs(b.seed, 8, b.botMask)];
  for (let t = 0; t < TICKS; t++) {
    worldB.stepWith(inputsB());
    sim.stepWith(inputsMain());
    sim.exports.snapshot(); // the raw exports act on world 0 again after the Sim's own call
    worldA.stepWith(inputsA());
    assert.equal(worldA.hash(), expectA[t], `world A, tick ${t + 1}`);
    assert.equal(worldB.hash(), expectB[t], `world B, tick ${t + 1}`);
    assert.equal(sim.hash(), expectA[t], `world 0, tick ${t + 1}`);
  }
  assert.equal(worldA.tick, TICKS);
  assert.equal(sim.tick, TICKS);
  assert.equal(sim.exports.ringSlots(), 16, 'the raw exports act on the world selected last (world 0 here)');
});

test('a world restored from another world\'s state carries on identically', async () => {
  const sim = await loadSim();
  const [from, to] = [sim.newWorld(), sim.newWorld()];
  from.start(b);
  const inputs = randomInputs(b.seed, 8, b.botMask);
  for (let t = 0; t < 200; t++) from.stepWith(inputs());
  to.start(b);
  to.restoreState(from.copyState());
  assert.equal(to.hash(), from.hash());
  assert.equal(to.tick, 200);
  const row = inputs();
  from.stepWith(row);
  to.stepWith(row);
  assert.equal(to.hash(), from.hash());
});

test('a freed world\'s memory goes to the next world, and each world reports its bytes', async () => {
  const sim = await loadSim();
  const small = sim.newWorld();
  small.start({ ...a, orbs: 0 });
  const big = sim.newWorld();
  big.start({ ...a, orbs: 2000 });
  // A 4-player, no-orb verifier world is a few kilobytes; 2000 orbs take far more.
  assert.ok(small.memoryBytes > 1000 && small.memoryBytes < 16_384, `${small.memoryBytes} bytes`);
  assert.ok(big.memoryBytes > 20 * small.memoryBytes, `${big.memoryBytes} bytes`);
  assert.ok(small.stateBytes < small.memoryBytes);

  const pages = sim.exports.memory.buffer.byteLength;
  big.free();
  assert.throws(() => big.hash(), /freed/);
  for (let round = 0; round < 20; round++) {
    const again = sim.newWorld();
    again.start({ ...a, orbs: 1500 + round });
    again.stepWith([1, 2, 3, 4]);
    again.free();
  }
  assert.equal(sim.exports.memory.buffer.byteLength, pages, 'freed blocks are reused, memory does not grow');
  // The small world was untouched by all that.
  const fresh = sim.newWorld();
  fresh.start({ ...a, orbs: 0 });
  assert.equal(fresh.hash(), small.hash());
});

test('world 0 cannot be freed and a world id that is gone is refused by the sim', async () => {
  const sim = await loadSim();
  sim.start(a);
  const world = sim.newWorld();
  world.start(a);
  world.free();
  assert.throws(() => sim.exports.worldSelect(world.id), /no such world/);
  assert.throws(() => sim.exports.worldFree(0), /only a live world other than 0/);
  assert.equal(sim.exports.worldSelected(), 0);
  assert.equal(sim.arenaBytesFor(a), sim.exports.stateArenaBytes());
});
