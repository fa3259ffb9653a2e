// Per-socket rate limits on a real relay: a client flooding messages (or bytes) is closed with
// messageRateExceeded (byteRateExceeded), while the other players of its running room keep
// receiving every tick at the tick rate.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { TEST_SECRET, confirmedTicks, largestFramesGap, runningMatch, sleep, type RunningMatch } from './support/relayTestClient.ts';

const MESSAGES_PER_S = 100; // bursts of 200; a player sends 60 inputs a second
const BYTES_PER_S = 4200; // bursts of 8400; a player sends ~1.9 KB a second
const MAX_PAYLOAD = 8192;
const DEADLINE_MS = 100;
const SLACK_MS = 150;

let relay: RelayProcess;

before(async () => {
  relay = await startRelay({
    JWT_SECRET: TEST_SECRET,
    RELAY_MAX_MESSAGES_PER_S: String(MESSAGES_PER_S),
    RELAY_MAX_BYTES_PER_S: String(BYTES_PER_S),
    RELAY_MAX_PAYLOAD: String(MAX_PAYLOAD),
    RELAY_INPUT_DEADLINE_MS: String(DEADLINE_MS),
    RELAY_START_DELAY_MS: '50',
  });
});

after(() => relay?.stop());

/** Checks that the players (all but the flooder) got every tick, on time, for `ms` after `since`. */
async function othersKeptTheirTickRate(match: RunningMatch, flooder: number, since: number, ms: number): Promise<void> {
  await sleep(ms);
  for (const [seat, player] of match.players.entries()) {
    if (seat === flooder) continue;
    const { gapMs, frames } = largestFramesGap(player, since);
    assert.ok(gapMs <= DEADLINE_MS + SLACK_MS, `seat ${seat}: a ${gapMs.toFixed(0)} ms gap between Frames`);
    const ticks = confirmedTicks(player);
    ticks.forEach((t, i) => assert.equal(t.tick, i, `seat ${seat}: ticks confirmed in order, none skipped`));
    const during = ticks.filter((t) => t.at >= since).length;
    const expected = (ms / 1000) * match.started.tickRate;
    assert.ok(during >= expected * 0.8, `seat ${seat}: ${during} ticks in ${ms} ms (${frames} Frames), expected about ${expected}`);
  }
}

test('a client flooding messages is closed with messageRateExceeded; the rest of its room keeps the tick rate', async () => {
  const match = await runningMatch(relay.wsUrl, 3);
  try {
    await sleep(200);
    const flooder = match.players[2]!;
    const since = performance.now();
    for (let i = 0; i < MESSAGES_PER_S * 10; i++) flooder.send({ type: 'Ping', clientTime: i });
    const closed = await flooder.closedWithin();
    assert.equal(closed.code, CloseCode.messageRateExceeded, closed.reason);
    assert.equal(closed.reason, `over ${MESSAGES_PER_S} messages/s (burst ${MESSAGES_PER_S * 2})`);
    await relay.waitForLog((line) => line.msg === 'frame rejected' && line['code'] === CloseCode.messageRateExceeded);
    await othersKeptTheirTickRate(match, 2, since, 1000);
  } finally {
    match.stop();
  }
});

test('a client flooding bytes is closed with byteRateExceeded; the rest of its room keeps the tick rate', async () => {
  const match = await runningMatch(relay.wsUrl, 3);
  try {
    await sleep(200);
    const flooder = match.players[2]!;
    const since = performance.now();
    // Under the message limit throughout (≤ 150 + 60·t messages), over the byte limit by the last frame:
    // 150 pings drain 3600 of the 8400-byte burst, then one 6000-byte frame does not fit.
    for (let i = 0; i < 150; i++) flooder.send({ type: 'Ping', clientTime: i });
    flooder.sendBytes(new Uint8Array(6000));
    const closed = await flooder.closedWithin();
    assert.equal(closed.code, CloseCode.byteRateExceeded, closed.reason);
    assert.equal(closed.reason, `over ${BYTES_PER_S} bytes/s (burst ${BYTES_PER_S * 2})`);
    await othersKeptTheirTickRate(match, 2, since, 1000);
  } finally {
    match.stop();
  }
});
