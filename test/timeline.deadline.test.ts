// The input timeline's deadline: a tick still missing inputs inputDeadlineMs after it was due is
// confirmed anyway, the missing seats repeating their last input and flagged lagging, so a slow or
// silent player cannot stall the others.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MS_PER_TICK, recordedTimeline } from './support/timelineRecorder.ts';

const DEADLINE_MS = 100;

test('at the deadline a missing input repeats the last one and flags the seat until its inputs arrive in time', () => {
  const { timeline, recorder, stats } = recordedTimeline(2, [0, 1]);
  timeline.receive(0, 0, 0x10, 1, 0);
  timeline.receive(1, 0, 0x20, 2, 0);
  for (let tick = 1; tick <= 3; tick++) timeline.receive(0, tick, 0x10 + tick, 1, tick * MS_PER_TICK);

  timeline.confirmDue(1 * MS_PER_TICK + DEADLINE_MS - 1);
  assert.equal(recorder.ticks().length, 1, 'tick 1 still waits for seat 1');
  timeline.confirmDue(1 * MS_PER_TICK + DEADLINE_MS);
  assert.deepEqual(recorder.ticks()[1], { tick: 1, lagging: 0b10, inputs: [0x11, 0x20], clientTimes: [1, 0] });
  assert.deepEqual(recorder.laggingChanges, [{ seat: 1, lagging: true }]);

  timeline.confirmDue(3 * MS_PER_TICK + DEADLINE_MS);
  assert.equal(recorder.frames.length, 3, 'ticks 2 and 3 in one batch');
  assert.deepEqual(recorder.ticks().slice(2).map((confirmed) => [confirmed.lagging, confirmed.inputs]), [[0b10, [0x12, 0x20]], [0b10, [0x13, 0x20]]]);
  assert.equal(recorder.laggingChanges.length, 1, 'still lagging: no new SeatLagging');

  timeline.receive(1, 4, 0x24, 3, 4 * MS_PER_TICK);
  timeline.receive(0, 4, 0x14, 3, 4 * MS_PER_TICK);
  assert.deepEqual(recorder.ticks()[4], { tick: 4, lagging: 0, inputs: [0x14, 0x24], clientTimes: [3, 3] });
  assert.deepEqual(recorder.laggingChanges, [{ seat: 1, lagging: true }, { seat: 1, lagging: false }]);
  assert.equal(stats.ticksByDeadline, 3);
  const expectedLags = [0, DEADLINE_MS, DEADLINE_MS + MS_PER_TICK, DEADLINE_MS, 0]; // tick 2 went out with tick 3
  assert.ok(stats.tickLags.every((lag, i) => Math.abs(lag - expectedLags[i]!) < 1e-9), `tick lags ${stats.tickLags}`);
});

test('with one player silent the others\' ticks confirm within inputDeadlineMs of their nominal time (1 ms clock steps)', () => {
  const { timeline, recorder } = recordedTimeline(3, [0, 1, 2]);
  const confirmedAt: number[] = [];
  let nextInput = 0;
  for (let now = 0; now <= 3000; now++) {
    // Seats 0 and 1 send each tick's input when it is due; seat 2 never sends.
    for (; nextInput * MS_PER_TICK <= now; nextInput++) {
      timeline.receive(0, nextInput, 100 + nextInput, now, now);
      timeline.receive(1, nextInput, 200 + nextInput, now, now);
    }
    timeline.confirmDue(now);
    while (confirmedAt.length < recorder.ticks().length) confirmedAt.push(now);
  }
  const ticks = recorder.ticks();
  assert.equal(ticks.length, Math.floor((3000 - DEADLINE_MS) / MS_PER_TICK) + 1, 'every tick due by 3 s − deadline');
  for (const { tick, lagging, inputs } of ticks) {
    const lag = confirmedAt[tick]! - tick * MS_PER_TICK;
    assert.ok(lag > DEADLINE_MS - 1e-9 && lag < DEADLINE_MS + 1, `tick ${tick} confirmed ${lag} ms after it was due`);
    assert.equal(lagging, 0b100);
    assert.deepEqual(inputs, [100 + tick, 200 + tick, 0]);
  }
});

test('a seat taken mid-match is waited for up to the deadline and lags until its inputs arrive', () => {
  const { timeline, recorder } = recordedTimeline(2, [0]);
  timeline.receive(0, 0, 5, 0, 0);
  timeline.occupy(1);
  timeline.receive(0, 1, 6, 0, MS_PER_TICK);
  assert.equal(recorder.ticks().length, 1, 'tick 1 waits for the newcomer');
  timeline.confirmDue(MS_PER_TICK + DEADLINE_MS);
  assert.deepEqual(recorder.ticks()[1], { tick: 1, lagging: 0b10, inputs: [6, 0], clientTimes: [0, 0] });
  timeline.receive(1, 2, 9, 4, 2 * MS_PER_TICK);
  timeline.receive(0, 2, 7, 4, 2 * MS_PER_TICK);
  assert.deepEqual(recorder.ticks()[2]!.lagging, 0);
  assert.deepEqual(recorder.laggingChanges, [{ seat: 1, lagging: true }, { seat: 1, lagging: false }]);

  timeline.receive(0, 3, 8, 0, 3 * MS_PER_TICK);
  timeline.confirmDue(3 * MS_PER_TICK + DEADLINE_MS);
  assert.equal(recorder.laggingChanges.length, 3, 'seat 1 lags again');
  timeline.vacate(1);
  timeline.receive(0, 4, 9, 0, 4 * MS_PER_TICK);
  assert.deepEqual(recorder.ticks()[4]!.lagging, 0);
  assert.equal(recorder.laggingChanges.length, 3, 'a lagging player who leaves gets no SeatLagging after its MemberLeft');
});

test('with every seat empty, ticks follow the clock alone', () => {
  const { timeline, recorder } = recordedTimeline(2, []);
  timeline.confirmDue(2 * MS_PER_TICK + DEADLINE_MS);
  assert.deepEqual(recorder.ticks().map((confirmed) => [confirmed.tick, confirmed.lagging, confirmed.inputs]), [
    [0, 0, [0, 0]],
    [1, 0, [0, 0]],
    [2, 0, [0, 0]],
  ]);
});
