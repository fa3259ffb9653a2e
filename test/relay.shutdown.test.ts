// Stopping the relay (SIGTERM, as a process manager does; Ctrl-C sends SIGINT to the same
// handler): rooms are closed (members get RoomLeft), every socket is closed with 1001 "going away", and the process
// exits 0 on its own — promptly, even with a client that never answers the close frame.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay } from './support/relayProcess.ts';
import { RelayTestClient, TEST_SECRET, createRoom, signToken } from './support/relayTestClient.ts';

test('SIGTERM closes every socket with 1001 and the relay exits 0', async () => {
  const relay = await startRelay({ JWT_SECRET: TEST_SECRET });
  const inRoom = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  await createRoom(inRoom, 2);
  const unauthenticated = await RelayTestClient.connect(relay.wsUrl);
  const deaf = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  deaf.socket.pause(); // will never read the close frame: the relay must not wait for it forever

  const stoppingAt = performance.now();
  const exitCode = await relay.stop();
  assert.equal(exitCode, 0, 'exited by itself (a SIGKILL would be null)');
  assert.ok(performance.now() - stoppingAt < 4000, 'promptly');
  for (const client of [inRoom, unauthenticated]) assert.deepEqual(await client.closedWithin(), { code: 1001, reason: 'relay shutting down' });
  assert.equal((await inRoom.next('RoomLeft')).type, 'RoomLeft', 'rooms are closed before the sockets');
  assert.ok(relay.logs.some((line) => line.msg === 'stopping'));
  assert.equal(relay.logs.at(-1)?.msg, 'stopped');
  deaf.close();
});
