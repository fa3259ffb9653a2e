// runSyncTest, the developers' local sync test: the demo game passes with rollbacks of 1 and 8
// ticks after every tick; a sim with a hidden input (state outside the snapshot ring) is caught at
// the first tick it matters, by number. Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSim, packInput, BUTTON_DASH, type Sim } from './support/simTest.ts';
import { runSyncTest } from '../netcode/syncTest.ts';

const base = await loadSim();
const config = { seed: 11, players: 2, botMask: 0, matchTicks: 0, orbs: 40 };
const inputs = (tick: number): number[] => [packInput(tick % 9 === 0 ? BUTTON_DASH : 0, (tick * 5) % 255 - 127, 40), packInput(0, -90, (tick * 3) % 255 - 127)];

test('the demo game re-simulates identically under a rollback after every tick (depths 1 and 8)', async () => {
  for (const depth of [1, 8]) {
    const result = runSyncTest(await base.clone(), config, inputs, 400, depth);
    assert.deepEqual(result, { ticks: 400, firstMismatchTick: null, hashes: null }, `depth ${depth}`);
  }
});

test('a sim that keeps state outside the ring is named at the first tick a rollback changes', async () => {
  const sim = await base.clone();
  // A "cache" on the JS side: from tick 150 on, every step nudges a player by one unit more than
  // the last, a counter the snapshot ring does not hold, like a Math.random() call would.
  let hidden = 0;
  const { exports } = sim;
  const leaky: Sim = Object.assign(Object.create(Object.getPrototypeOf(sim) as object) as Sim, sim, {
    exports: {
      ...exports,
      step() {
        exports.step();
        if (exports.tick() < 150) return;
        const handle = exports.playerHandle(0);
        exports.setField(handle, 0, exports.getField(handle, 0) + ++hidden);
      },
    },
  });
  const result = runSyncTest(leaky, config, inputs, 400, 8);
  assert.equal(result.firstMismatchTick, 150);
  assert.notEqual(result.hashes![0], result.hashes![1]);
});
