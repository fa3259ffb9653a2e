// Back-pressure on a real relay: a client that stops reading while the relay has data for it is
// dropped with tooSlow once its outgoing buffer passes RELAY_MAX_BUFFERED_BYTES — the relay does
// not buffer for it without bound — and other clients are served throughout.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_SECRET, signToken, sleep, withTimeout } from './support/relayTestClient.ts';

const MAX_BUFFERED = 65_536;
/** A Pong frame (16-byte header + 16-byte payload) in a 2-byte WebSocket frame header. */
const PONG_BYTES_ON_THE_WIRE = 34;

let relay: RelayProcess;

before(async () => {
  // Rate limits out of the way: the slow reader makes the relay answer a great many Pings.
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_MAX_BUFFERED_BYTES: String(MAX_BUFFERED), RELAY_MAX_MESSAGES_PER_S: '10000000', RELAY_MAX_BYTES_PER_S: '1000000000' });
});

after(() => relay?.stop());

test('a client that stops reading is dropped with tooSlow instead of being buffered for without bound', async () => {
  const slow = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub: 'slow-reader' }));
  const healthy = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  slow.socket.pause(); // stops reading from the TCP socket; writing still works
  const startedAt = performance.now();
  let sent = 0;
  // Pings until the relay gives up on this socket: its Pongs fill the kernel buffers, then the relay's.
  const dropped = relay.waitForLog((line) => line.msg === 'connection closed' && line['playerId'] === 'slow-reader', 20_000);
  let isDropped = false;
  void dropped.then(() => (isDropped = true), () => {});
  while (!isDropped && performance.now() - startedAt < 20_000) {
    for (let i = 0; i < 2000; i++) slow.send({ type: 'Ping', clientTime: sent++ });
    await sleep(1);
  }
  const line = await dropped;
  assert.equal(line['code'], CloseCode.tooSlow);
  const queued = Number(/not reading: (\d+) bytes queued/.exec(String(line['reason']))?.[1]);
  assert.match(String(line['reason']), new RegExp(`\\(limit ${MAX_BUFFERED}\\)$`));
  // Checked after every send: the queue passed the limit by at most the one frame that crossed it.
  assert.ok(queued > MAX_BUFFERED && queued <= MAX_BUFFERED + PONG_BYTES_ON_THE_WIRE, `dropped with ${queued} bytes queued`);
  assert.equal(line['by'], 'relay');

  healthy.send({ type: 'Ping', clientTime: -1 });
  assert.equal((await healthy.next('Pong')).clientTime, -1, 'another client is served meanwhile');

  slow.socket.resume();
  const closed = await withTimeout(slow.closed, 5000, 'waiting for the slow socket to be cut');
  // The close frame sits behind everything the client never read, so the relay cuts the TCP connection.
  assert.ok(closed.code === CloseCode.tooSlow || closed.code === 1006, `closed with ${closed.code}`);
  healthy.close();
});
