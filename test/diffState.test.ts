// diffState names what differs between two arena copies: the part a desync report relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { diffState, formatStateDiff } from '../host/diffState.ts';
import { Field } from '../host/SimExports.ts';

const sim = await loadSimNode();
const e = sim.exports;

test('a changed component field is named with its entity slot', () => {
  sim.start({ seed: 3, players: 2, botMask: 0b10, matchTicks: 0, orbs: 10 });
  const before = sim.copyState();
  const orb = e.entityHandleAt(5);
  e.setField(orb, Field.PosX, e.getField(orb, Field.PosX) + 3);
  e.setField(orb, Field.Friction, 7);
  const diffs = diffState(e, before, sim.copyState());
  assert.deepEqual(diffs.map((d) => [d.region, d.name, d.index, d.b - d.a]), [
    ['field', 'PosX', 5, 3],
    ['field', 'Friction', 5, 7 - diffs[1]!.a],
  ]);
  assert.match(formatStateDiff(diffs), /^field PosX\[5\]: -?\d+ vs -?\d+\nfield Friction\[5\]/);
});

test('header, entity table and game words are named too', () => {
  sim.start({ seed: 3, players: 2, botMask: 0b11, matchTicks: 0, orbs: 10 });
  const before = sim.copyState();
  e.despawn(e.entityHandleAt(4));
  sim.stepWith([0, 0]);
  const names = new Set(diffState(e, before, sim.copyState(), 1000).map((d) => `${d.region}.${d.name}`));
  for (const expected of ['header.tick', 'header.liveCount', 'header.freeHead', 'entities.generation', 'entities.mask', 'game.countdown']) {
    assert.ok(names.has(expected), `${expected} missing from ${[...names].join(', ')}`);
  }
  assert.deepEqual(diffState(e, sim.copyState(), sim.copyState()), [], 'identical copies: no differences');
});
