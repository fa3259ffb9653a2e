// The time sync rules on their own, with a hand-made clock: the relay clock estimate from Ping/Pong,
// the pacer's ticks per frame (steady pace, slowing near the window but not past the relay's clock,
// slewing and snapping toward it), the input delay a match picks from the link, and the
// followRelayClock floor the bots share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RelayClock } from '../netcode/RelayClock.ts';
import { TickPacer, autoInputDelay, idealAnchor } from '../netcode/TickPacer.ts';
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

test('render alpha is the share of the tick in progress on schedule, 1 when held back, never outside 0..1', () => {
  const pacer = new TickPacer(1000, options);
  // Local tick 0 runs at the anchor (1000 ms): at 1000 + 2.5 ticks, tick 3 has run and the frame is half-way from 2 to 3.
  assert.ok(Math.abs(pacer.alpha(1000 + 2.5 * TICK_MS, 3) - 0.5) < 1e-9);
  assert.equal(pacer.alpha(1000 + 2.5 * TICK_MS, 2), 1, 'a tick behind (at the window): the latest tick as it is');
  assert.equal(pacer.alpha(1000 + 2.5 * TICK_MS, 5), 0, 'ahead of the schedule: the previous tick');
});

test('a client behind the confirmed frontier runs the confirmed ticks at once, then rations predicted ones', () => {
  const pacer = new TickPacer(0, options);
  pacer.frame(0, 0, 0, null);
  // 10 s in, still at tick 100 with the relay's frontier at 400 (an 18 fps device that fell behind).
  assert.equal(pacer.frame(10_000, 100, 400, null), 120 + 4, 'at most 120 confirmed ticks plus 4 predicted ones a frame');
  assert.equal(pacer.frame(10_016, 390, 400, null), 10 + 4, 'the rest of the confirmed ticks, then 4 predicted');
  assert.equal(pacer.frame(10_033, 602, 400, null), 0, 'nothing past what is due (tick 602 is due at 10 033 ms)');
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

test('near the window the pacer slows toward the relay clock, never past it', () => {
  // The lead stays one short of the window whatever the pace, as when the relay waits for this
  // client's own input: slowing cannot shorten it, and running later than the ideal (100) would
  // only send inputs late.
  const pacer = new TickPacer(0, options);
  let tick = 0;
  for (let now = 0; now <= 5000; now += TICK_MS) tick += pacer.frame(now, tick, tick - 7, 100);
  assert.equal(pacer.anchor, 100, 'slowed until on the relay clock, then held there');
  // Behind the ideal near the window: held, not sped up into the window.
  const behind = new TickPacer(200, options);
  behind.frame(0, 0, 0, null);
  behind.frame(TICK_MS, 0, -7, 100);
  assert.equal(behind.anchor, 200);
});

test('the input delay: the configured one, or enough for the round trip to fit the window, capped', () => {
  const limits = { inputDelay: 2, predictionWindow: 8, maxInputDelay: 8 };
  const link = (...rtts: number[]): RelayClock => {
    const clock = new RelayClock();
    rtts.forEach((rtt, i) => clock.sample(i * 1000, 0, i * 1000 + rtt));
    return clock;
  };
  assert.equal(autoInputDelay(new RelayClock(), TICK_MS, limits), 2, 'no Pong yet: the configured delay');
  assert.equal(autoInputDelay(link(1, 2, 1), TICK_MS, limits), 2, 'loopback');
  // 100 ms with no jitter: ceil(6) + 1 − 8 < 2.
  assert.equal(autoInputDelay(link(100, 100), TICK_MS, limits), 2);
  // Round trips of 110 to 190 ms (mean 150, mean deviation 20): ceil(190 / 16.7) + 1 − 8 = 5. The
  // min (110) would say ceil(150 / 16.7) + 1 − 8 = 2: the mean is what inputs take.
  assert.equal(autoInputDelay(link(110, 190, 150, 150), TICK_MS, limits), 5);
  // Whole ticks round up: 11.7 ticks of round trip need 5, 12.06 need 6.
  assert.equal(autoInputDelay(link(195), TICK_MS, limits), 5);
  assert.equal(autoInputDelay(link(201), TICK_MS, limits), 6);
  assert.equal(autoInputDelay(link(500, 500), TICK_MS, limits), 8, 'a 500 ms link is capped at 8');
  assert.equal(autoInputDelay(link(500), TICK_MS, { ...limits, maxInputDelay: 2 }), 2, 'max = configured: a fixed delay');
  assert.equal(autoInputDelay(link(200), TICK_MS, { ...limits, predictionWindow: 16 }), 2, 'a wider window needs no more delay');
  assert.equal(autoInputDelay(link(1), TICK_MS, { ...limits, inputDelay: 10 }), 10, 'the configured delay is the floor, even above the cap');
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
