// The input timeline end to end, through a real relay: with one player silent, the others' ticks
// keep confirming on time (gaps bounded by the input deadline) with the silent seat flagged
// lagging, and the flag clears once its inputs arrive again.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { TEST_SECRET, confirmedTicks, largestFramesGap, playInputs, runningMatch, sleep } from './support/relayTestClient.ts';

const DEADLINE_MS = 100;
const SLACK_MS = 150;

let relay: RelayProcess;

before(async () => {
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_INPUT_DEADLINE_MS: String(DEADLINE_MS), RELAY_START_DELAY_MS: '100' });
});

after(() => relay?.stop());

test('with one player silent, the others keep confirming ticks on time and the silent seat is flagged lagging', async () => {
  const match = await runningMatch(relay.wsUrl, 3, { silentSeats: 1 });
  try {
    const silentSeat = 2;
    const since = performance.now();
    await sleep(1500);
    for (const [seat, player] of match.players.entries()) {
      const { gapMs } = largestFramesGap(player, since + match.started.startsInMs);
      assert.ok(gapMs <= DEADLINE_MS + SLACK_MS, `seat ${seat}: a ${gapMs.toFixed(0)} ms gap between Frames`);
      const ticks = confirmedTicks(player);
      assert.ok(ticks.length >= 60, `seat ${seat}: only ${ticks.length} ticks confirmed in 1.5 s`);
      ticks.forEach((t, i) => assert.equal(t.tick, i, `seat ${seat}: ticks in order`));
      assert.ok(ticks.every((t) => t.lagging & (1 << silentSeat)), `seat ${seat}: every tick has the silent seat's lagging bit`);
      const lagging = await player.next('SeatLagging');
      assert.deepEqual(lagging, { type: 'SeatLagging', seat: silentSeat, lagging: true });
    }

    const silent = match.players[silentSeat]!;
    const startedAt = silent.received.find((r) => r.message.type === 'MatchStarted')!.at;
    const stop = playInputs(silent, match.started, startedAt);
    try {
      for (const player of match.players) assert.deepEqual(await player.next('SeatLagging', 2000), { type: 'SeatLagging', seat: silentSeat, lagging: false });
      const latest = confirmedTicks(match.players[0]!).at(-1)!;
      assert.equal(latest.lagging & (1 << silentSeat), 0, 'ticks after it caught up no longer flag it');
    } finally {
      stop();
    }
  } finally {
    match.stop();
  }
});

test('with every player silent, the relay still confirms each tick when its deadline passes', async () => {
  const match = await runningMatch(relay.wsUrl, 2, { silentSeats: 2 });
  try {
    const since = performance.now();
    await sleep(1000);
    for (const player of match.players) {
      const { gapMs } = largestFramesGap(player, since + match.started.startsInMs + DEADLINE_MS);
      assert.ok(gapMs <= SLACK_MS, `a ${gapMs.toFixed(0)} ms gap between Frames`);
      const ticks = confirmedTicks(player);
      assert.ok(ticks.length >= 40, `only ${ticks.length} ticks confirmed in 1 s`);
      assert.ok(ticks.every((t) => t.lagging === 0b11), 'both seats lagging on every tick');
    }
  } finally {
    match.stop();
  }
});
