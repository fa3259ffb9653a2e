// Liveness with short intervals (ping every 200 ms, idle timeout 600 ms): a client that neither
// answers pings nor sends anything is closed with heartbeatTimeout soon after the idle timeout;
// one whose ws library answers pings stays connected however long it says nothing itself.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_SECRET, signToken, sleep } from './support/relayTestClient.ts';

const HEARTBEAT_MS = 200;
const IDLE_MS = 600;
/** The idle check runs every tenth of the timeout (not on the heartbeat), so a close comes at most that
 *  long after the timeout; plus scheduling slack. */
const MARGIN_MS = IDLE_MS / 10 + 200;

let relay: RelayProcess;

before(async () => {
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_HEARTBEAT_MS: String(HEARTBEAT_MS), RELAY_IDLE_TIMEOUT_MS: String(IDLE_MS) });
});

after(() => relay?.stop());

test('a client that answers no ping and sends nothing is closed with heartbeatTimeout within the idle timeout + margin', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken(), autoPong: false });
  await client.next('Welcome');
  const silentSince = performance.now();
  const closed = await client.closedWithin(IDLE_MS + MARGIN_MS + 1000);
  const after = performance.now() - silentSince;
  assert.equal(closed.code, CloseCode.heartbeatTimeout, closed.reason);
  assert.match(closed.reason, new RegExp(`nothing received for \\d+ ms \\(idle timeout ${IDLE_MS} ms\\)`));
  assert.ok(after >= IDLE_MS - 50 && after <= IDLE_MS + MARGIN_MS, `closed ${after.toFixed(0)} ms after going silent`);
});

test('the same silent client is kept alive by sending messages (any frame counts, not just pongs)', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken(), autoPong: false });
  await client.next('Welcome');
  for (let i = 0; i < 8; i++) {
    await sleep(IDLE_MS / 3);
    client.send({ type: 'Ping', clientTime: i });
  }
  assert.equal((await client.next('Pong')).clientTime, 0);
  assert.equal(client.socket.readyState, client.socket.OPEN, `open after ${(8 * IDLE_MS) / 3} ms`);
  client.close();
});

test('a client that answers pings stays connected past the idle timeout while sending nothing', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken() });
  await client.next('Welcome');
  let pings = 0;
  client.socket.on('ping', () => pings++);
  await sleep(IDLE_MS * 2.5);
  assert.equal(client.socket.readyState, client.socket.OPEN);
  assert.ok(pings >= (IDLE_MS * 2.5) / HEARTBEAT_MS / 2, `only ${pings} pings in ${IDLE_MS * 2.5} ms`);
  client.close();
});

test('an unauthenticated socket that answers pings is still closed after the auth grace period', async () => {
  // RELAY_AUTH_GRACE_MS is left at its 5 s default here: the heartbeat must not keep it alive past that.
  const client = await RelayTestClient.connect(relay.wsUrl);
  const closed = await client.closedWithin(5000 + 2000);
  assert.equal(closed.code, CloseCode.authMissing);
});
