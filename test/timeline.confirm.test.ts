// The input timeline confirms ticks on arrival: as soon as every occupied seat's input for the
// frontier tick is in. What it drops (late, too early, repeated) is counted and never played, an
// empty seat is not waited for, and a batch is never longer than one Frames message can carry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MS_PER_TICK, recordedTimeline } from './support/timelineRecorder.ts';

test('a tick is confirmed the moment the last occupied seat sends its input for it', () => {
  const { timeline, recorder, stats } = recordedTimeline(3, [0, 2]);
  timeline.receive(0, 0, 0x11, 5.5, -50);
  assert.equal(recorder.frames.length, 0, 'seat 2 has not sent tick 0 yet');
  timeline.receive(2, 0, 0x22, 7.25, -40);
  assert.deepEqual(recorder.frames, [
    { type: 'Frames', firstTick: 0, ticks: [{ lagging: 0, inputs: [0x11, 0, 0x22], clientTimes: [5.5, 0, 7.25] }] },
  ]);
  timeline.receive(2, 1, 0x23, 8, MS_PER_TICK + 3);
  timeline.receive(0, 1, 0x12, 9, MS_PER_TICK + 4);
  assert.equal(recorder.frames.length, 2);
  assert.deepEqual(recorder.frames[1]!.ticks, [{ lagging: 0, inputs: [0x12, 0, 0x23], clientTimes: [9, 0, 8] }]);
  assert.equal(stats.ticksConfirmed, 2);
  assert.equal(stats.ticksByDeadline, 0);
  assert.equal(stats.inputsAccepted, 4);
  assert.equal(stats.tickLags[0], 0, 'confirmed before its nominal time: the lag is clamped at 0');
  assert.ok(Math.abs(stats.tickLags[1]! - 4) < 1e-9, `tick 1 confirmed 4 ms after it was due, got ${stats.tickLags[1]}`);
});

test('an input that completes several ticks confirms them in one batch', () => {
  const { timeline, recorder } = recordedTimeline(2, [0, 1]);
  for (let tick = 0; tick < 3; tick++) timeline.receive(0, tick, 10 + tick, 0, 0);
  timeline.receive(1, 2, 22, 0, 0);
  timeline.receive(1, 1, 21, 0, 0);
  assert.equal(recorder.frames.length, 0, 'tick 0 still waits for seat 1');
  timeline.receive(1, 0, 20, 0, 0);
  assert.equal(recorder.frames.length, 1);
  assert.equal(recorder.frames[0]!.firstTick, 0);
  assert.deepEqual(recorder.frames[0]!.ticks.map((confirmed) => confirmed.inputs), [[10, 20], [11, 21], [12, 22]]);
});

test('late and too-early inputs are dropped and counted, never played', () => {
  const { timeline, recorder, stats } = recordedTimeline(1, [0], { maxInputAheadTicks: 4 });
  timeline.receive(0, 0, 1, 0, 0);
  assert.equal(recorder.ticks().length, 1, 'tick 0 confirmed: the frontier is 1');
  timeline.receive(0, 0, 99, 0, 0);
  assert.equal(stats.inputsLate, 1);
  timeline.receive(0, 5, 99, 0, 0);
  assert.equal(stats.inputsEarly, 1, 'tick 5 is 4 ticks past the frontier');
  timeline.receive(0, 4, 5, 0, 0);
  assert.equal(stats.inputsEarly, 1, 'tick 4 is inside the window');
  for (let tick = 1; tick < 4; tick++) timeline.receive(0, tick, tick + 1, 0, 0);
  timeline.confirmDue(5 * MS_PER_TICK + 100);
  assert.deepEqual(
    recorder.ticks().map((confirmed) => confirmed.inputs[0]),
    [1, 2, 3, 4, 5, 5],
    'tick 5 repeats tick 4: the early input for it was dropped',
  );
  assert.equal(stats.inputsAccepted, 5);
});

test('a repeated input for a tick is ignored: the first one is played', () => {
  const { timeline, recorder, stats } = recordedTimeline(2, [0, 1]);
  timeline.receive(0, 0, 7, 1, 0);
  timeline.receive(0, 0, 8, 2, 0);
  timeline.receive(1, 0, 3, 3, 0);
  assert.deepEqual(recorder.ticks()[0], { tick: 0, lagging: 0, inputs: [7, 3], clientTimes: [1, 3] });
  assert.equal(stats.inputsAccepted, 2);
});

test('a vacated seat sends 0 and is not waited for; inputs it sent ahead do not pass to the next player', () => {
  const { timeline, recorder } = recordedTimeline(3, [0, 1, 2]);
  for (const seat of [0, 1, 2]) timeline.receive(seat, 0, 0x50 + seat, 1, 0);
  timeline.receive(1, 1, 0x66, 1, 0);
  timeline.receive(1, 2, 0x77, 1, 0);
  timeline.vacate(1);
  timeline.receive(0, 1, 0x60, 1, 0);
  timeline.receive(2, 1, 0x62, 1, 0);
  assert.deepEqual(recorder.ticks()[1], { tick: 1, lagging: 0, inputs: [0x60, 0, 0x62], clientTimes: [1, 0, 1] });

  timeline.occupy(1);
  timeline.receive(0, 2, 0x70, 1, 0);
  timeline.receive(2, 2, 0x72, 1, 0);
  assert.equal(recorder.ticks().length, 2, 'tick 2 waits for the new player in seat 1');
  timeline.receive(1, 2, 0x88, 1, 0);
  assert.deepEqual(recorder.ticks()[2]!.inputs, [0x70, 0x88, 0x72]);
});

test('a batch longer than 64 ticks goes out as several Frames of at most 64', () => {
  const onArrival = recordedTimeline(2, [0, 1]);
  for (let tick = 0; tick < 100; tick++) onArrival.timeline.receive(0, tick, tick, 0, 0);
  for (let tick = 1; tick < 100; tick++) onArrival.timeline.receive(1, tick, tick, 0, 0);
  onArrival.timeline.receive(1, 0, 0, 0, 0);
  assert.deepEqual(onArrival.recorder.frames.map((frames) => [frames.firstTick, frames.ticks.length]), [[0, 64], [64, 36]]);

  const byDeadline = recordedTimeline(1, [0]);
  byDeadline.timeline.confirmDue(149 * MS_PER_TICK + 100);
  assert.deepEqual(byDeadline.recorder.frames.map((frames) => [frames.firstTick, frames.ticks.length]), [[0, 64], [64, 64], [128, 22]]);
  assert.equal(byDeadline.stats.ticksByDeadline, 150);
});
