// The render region: interpolated instance matrices (what three.js will read zero-copy) and the
// game-event ring. Both sit outside the hashed arena, so writing them must not move the hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { Field, Q16 } from '../host/SimExports.ts';

const sim = await loadSimNode();
const e = sim.exports;

test('renderWrite interpolates each slot between the last two ticks; free slots draw nothing', () => {
  sim.start({ seed: 9, players: 2, botMask: 0b11, matchTicks: 0, orbs: 12 });
  for (let t = 0; t < 200; t++) sim.stepWith([]); // past kickoff, bodies moving
  e.despawn(e.entityHandleAt(6));
  const hash = sim.hash();
  const count = e.renderWrite(Q16 / 4);
  assert.equal(count, e.entityHighWater());
  assert.equal(sim.hash(), hash, 'writing matrices leaves the state hash alone');
  const m = new Float32Array(e.memory.buffer, e.renderMatricesPtr(), count * 16);
  let moving = 0;
  for (let i = 0; i < count; i++) {
    const row = m.subarray(i * 16, i * 16 + 16);
    const h = e.entityHandleAt(i);
    if (h === 0) {
      assert.ok(row.every((v) => v === 0), `free slot ${i} has a zero matrix`);
      continue;
    }
    const r = e.getField(h, Field.Radius) / Q16;
    const x0 = e.getField(h, Field.PrevX) / Q16, x1 = e.getField(h, Field.PosX) / Q16;
    const z0 = e.getField(h, Field.PrevY) / Q16, z1 = e.getField(h, Field.PosY) / Q16;
    if (x0 !== x1 || z0 !== z1) moving++;
    assert.ok(Math.abs(row[0]! - r) < 1e-5 && Math.abs(row[5]! - r) < 1e-5 && Math.abs(row[10]! - r) < 1e-5, `slot ${i}: scale = radius`);
    assert.ok(Math.abs(row[12]! - (x0 + (x1 - x0) / 4)) < 1e-3, `slot ${i}: x at alpha 1/4`);
    assert.ok(Math.abs(row[14]! - (z0 + (z1 - z0) / 4)) < 1e-3, `slot ${i}: z at alpha 1/4`);
    assert.ok(Math.abs(row[13]! - r) < 1e-5 && row[15] === 1, `slot ${i}: resting on the plane, w = 1`);
  }
  assert.ok(moving > 0, 'some bodies moved in the last tick, so interpolation was exercised');
});

test('the event ring reports kickoff, goals matching the score, and the match end', () => {
  sim.start({ seed: 5, players: 4, botMask: 0b1111, matchTicks: 3600, orbs: 40 });
  while (e.phase() !== 2) sim.stepWith([]);
  const words = new Int32Array(e.memory.buffer, e.eventsPtr(), 1 + e.eventRingSize() * 4);
  const total = words[0]!;
  assert.ok(total > 2 && total <= e.eventRingSize(), `events written: ${total} (fits the ring for this check)`);
  const events = Array.from({ length: total }, (_, k) => Array.from(words.subarray(1 + k * 4, 5 + k * 4)));
  assert.deepEqual(events[0]!.slice(1), [1, 0, 0], 'first event: kickoff');
  const goals = events.filter(([, kind]) => kind === 2);
  for (const team of [0, 1]) {
    const points = goals.filter(([, , t]) => t === team).reduce((s, [, , , p]) => s + p!, 0);
    assert.equal(points, e.score(team), `goal events add up to team ${team}'s score`);
  }
  const end = events.at(-1)!;
  const winner = e.score(0) > e.score(1) ? 0 : e.score(1) > e.score(0) ? 1 : -1;
  assert.deepEqual(end.slice(1, 3), [3, winner], 'last event: match end with the winner');
  assert.ok(events.every((ev, k) => k === 0 || ev[0]! >= events[k - 1]![0]!), 'events in tick order');
});
