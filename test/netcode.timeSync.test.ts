// The time sync rules on their own, with a hand-made clock: the relay clock estimate from Ping/Pong,
// the pacer's ticks per frame (steady pace, slowing near the window, slewing and snapping toward the
// relay's clock), and the followRelayClock floor the bots share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RelayClock } from '../netcode/RelayClock.ts';
import { TickPacer, idealAnchor } from '../netcode/TickPacer.ts';
import { followRelayClock } from '../netcode/followRelayClock.ts';

const TICK_MS = 1000 / 60;
const options = { tickMs: TICK_MS, inputDelay: 2, predictionWindow: 8, deadlineTicks: 6 };

test('the relay clock takes its offset from the fastest round trip, and reports ping and jitter', () => {
  const clock = new RelayClock();
  assert.equal(clock.synced, false);
  // The relay's clock is ours + 5000. Slow pongs with lopsided legs mislead; the fast one does not.
  clock.sample(0, 5000 + 90, 100); // 100 ms round trip, 90 ms out: offset estimate 5040
  clock.sample(1000, 6000 + 5, 1010); // 10 ms round trip: offset 5000 ± 5
  clock.sample(2000, 7000 + 70, 2080);
  assert.equal(clock.synced, true);
  assert.equal(clock.rttMs, 10);
  assert.equal(clock.offsetMs, 5000);
  assert.equal(clock.latestRttMs, 80);
  // Round trips 100, 10, 80: mean 63.3, mean absolute deviation (36.7 + 53.3 + 16.7) / 3.
  assert.ok(Math.abs(clock.jitterMs - 35.56) < 0.01, `jitter ${clock.jitterMs}`);
  clock.sample(3000, 0, 2999); // a Pong for another clock: ignored
  assert.equal(clock.latestRttMs, 80);
});

test('the relay clock forgets old round trips (a window of 16)', () => {
  const clock = new RelayClock();
  clock.sample(0, 100, 2); // 2 ms, offset 99
  for (let i = 1; i <= 16; i++) clock.sample(i * 1000, i * 1000 + 200 + 20, i * 1000 + 40);
  assert.equal(clock.rttMs, 40, 'the 2 ms sample fell out of the window');
  assert.equal(clock.offsetMs, 200);
});

test('the pacer runs one tick per tickMs, and catches up at most maxTicksPerFrame a frame', () => {
  const pacer = new TickPacer(1000, options);
  let tick = 0;
  for (let now = 1000; now < 2000; now += TICK_MS) tick += pacer.frame(now, tick, tick, null);
  assert.equal(tick, 60);
  // A 200 ms hitch: 12 ticks due, run 4 a frame.
  const afterHitch = pacer.frame(2200, tick, tick, null);
  assert.equal(afterHitch, 4);
});

test('near the prediction window the pacer slows down by the slew (10 %), not to a halt', () => {
  const pacer = new TickPacer(0, options);
  let tick = 0;
  const confirmedLag = 7; // always 7 ticks ahead of the frontier: one short of the window
  let frames = 0;
  for (let now = 0; now <= 10_000; now += TICK_MS, frames++) tick += pacer.frame(now, tick, tick - confirmedLag, null);
  // 10 s is 600 ticks at full pace; 10 % slower is about 545.
  assert.ok(tick > 530 && tick < 560, `ran ${tick} ticks in 10 s`);
});

test('the pacer slews toward the relay clock by at most 10 %, and snaps when far behind', () => {
  const ahead = new TickPacer(0, options);
  let tick = 0;
  // The relay clock says we are 100 ms ahead: slow to 90 % until we are not.
  for (let now = 0; now < 500; now += TICK_MS) tick += ahead.frame(now, tick, tick, 100);
  assert.ok(ahead.anchor > 45 && ahead.anchor < 55, `anchor ${ahead.anchor} after 500 ms`);
  for (let now = 500; now < 1500; now += TICK_MS) tick += ahead.frame(now, tick, tick, 100);
  assert.equal(ahead.anchor, 100);

  const behind = new TickPacer(0, options);
  behind.frame(0, 0, 0, null);
  assert.equal(behind.frame(TICK_MS, 1, 1, -1000), 4, 'a second behind: jump the anchor, catch up 4 ticks a frame');
  assert.equal(behind.anchor, -1000);
});

test('the ideal anchor sends each input to arrive a margin before its tick is due', () => {
  const clock = new RelayClock();
  clock.sample(0, 10_000 + 20, 40); // rtt 40, offset 10 000, jitter 0
  // Tick 0 due at relay time 12 000 = local 2000. The input for tick 2 leaves at local tick 0 and
  // takes 20 ms: local tick 0 runs at 2000 + 2·16.7 − 20.
  assert.ok(Math.abs(idealAnchor(clock, 12_000, TICK_MS, 2) - (2000 + 2 * TICK_MS - 20)) < 1e-9);
});

test('followRelayClock: unchanged while ahead; after a confirmed tick not yet sent, jumps to send ahead of the relay', () => {
  assert.equal(followRelayClock(0, 1000, 50, 6, 2, TICK_MS), 0, 'at 1000 ms tick 60 goes out; 50 is confirmed: fine');
  const jumped = followRelayClock(0, 1000, 70, 6, 2, TICK_MS);
  assert.equal(Math.floor((1000 - jumped) / TICK_MS + 1e-9), 78, 'now sending tick 70 + deadline 6 + delay 2');
  const pacer = new TickPacer(0, options);
  pacer.confirmed(1000, 70);
  assert.ok(Math.abs(pacer.anchor - (jumped + 2 * TICK_MS)) < 1e-9, 'the pacer floors its anchor with the same rule');
});
