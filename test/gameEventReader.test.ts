// Reading the sim's event ring from a real match: goals arrive once each, in order, and a reader
// that fell more than a ring behind skips to the events still there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { GameEventKind, GameEventReader } from '../web/engine/readGameEvents.ts';

const ringOf = (e: Awaited<ReturnType<typeof loadSimNode>>['exports']): Int32Array =>
  new Int32Array(e.memory.buffer, e.eventsPtr(), 1 + e.eventRingSize() * 4);

test('every goal of a bot match is read exactly once and adds up to the score', async () => {
  const sim = await loadSimNode();
  sim.start({ seed: 4, players: 8, botMask: 0xff, matchTicks: 3600, orbs: 40 });
  const reader = new GameEventReader();
  const points = [0, 0];
  const kinds: number[] = [];
  let lastTick = -1;
  for (let t = 0; t < 3800; t++) {
    sim.stepWith([]);
    for (const ev of reader.read(ringOf(sim.exports))) {
      assert.ok(ev.tick >= lastTick, 'events come oldest first');
      lastTick = ev.tick;
      kinds.push(ev.kind);
      if (ev.kind === GameEventKind.Goal) points[ev.a]! += ev.b;
    }
  }
  assert.equal(kinds[0], GameEventKind.Kickoff);
  assert.equal(kinds.at(-1), GameEventKind.MatchEnd);
  assert.ok(kinds.filter((k) => k === GameEventKind.Goal).length > 0, 'bots scored');
  assert.deepEqual(points, [sim.exports.score(0), sim.exports.score(1)]);
});

test('a reader more than a ring behind gets the newest ring-full', () => {
  const size = 4;
  const ring = new Int32Array(1 + size * 4);
  const write = (n: number): void => {
    const o = 1 + (n % size) * 4;
    ring.set([n, GameEventKind.Goal, 0, n], o);
    ring[0] = n + 1;
  };
  for (let n = 0; n < 10; n++) write(n);
  const got = new GameEventReader().read(ring).map((e) => e.b);
  assert.deepEqual(got, [6, 7, 8, 9]);
});
