// The frame loop's clock: whole ticks at 60 Hz, the remainder as the interpolation factor, and a
// cap on catch-up after a long frame.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedStepClock } from '../web/engine/FixedStepClock.ts';

test('runs one tick per 1/60 s and keeps the remainder for interpolation', () => {
  const clock = new FixedStepClock(1000 / 60, 5);
  assert.equal(clock.advance(1000), 0, 'the first frame only starts the clock');
  let ticks = 0;
  for (let f = 1; f <= 144; f++) ticks += clock.advance(1000 + f * (1000 / 144)); // one second at 144 Hz
  assert.equal(ticks, 60);
  assert.equal(clock.advance(1000 + 1000 + 1000 / 120), 0);
  assert.ok(Math.abs(clock.alpha - 0.5) < 1e-9, `alpha ${clock.alpha} half way to the next tick`);
});

test('a long frame runs at most maxCatchUp ticks and drops the rest', () => {
  const clock = new FixedStepClock(1000 / 60, 5);
  clock.advance(0);
  assert.equal(clock.advance(2000), 5);
  assert.equal(clock.alpha, 0);
  assert.equal(clock.advance(2000 + 1000 / 60), 1, 'back to one tick per step afterwards');
});

test('reset forgets the gap, so a resumed game does not jump', () => {
  const clock = new FixedStepClock(1000 / 60, 5);
  clock.advance(0);
  clock.advance(10);
  clock.reset();
  assert.equal(clock.advance(60_000), 0);
  assert.equal(clock.advance(60_000 + 1000 / 60), 1);
});
