// Verification, late join and reconnect on a real relay with real clients whose sims follow the
// confirmed inputs (test/support/simFollower.ts): right hashes pass, a wrong one is logged as a
// desync and answered with the relay's state; late joiners and reconnecters get the state at the
// frontier and end with the relay's hashes; a held seat is given up after the grace.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { matchConfigForRoom } from '../host/MatchConfig.ts';
import { hex32, type Sim } from '../host/Sim.ts';
import { MessageType, Role, RoomError, RoomPhase, SnapshotReason, type RelayMessage } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import {
  RelayTestClient,
  TEST_BUILD,
  TEST_SECRET,
  TEST_SETTINGS,
  createRoom,
  joinRoom,
  largestFramesGap,
  playInputs,
  runningMatch,
  signToken,
  sleep,
} from './support/relayTestClient.ts';
import { SimFollower } from './support/simFollower.ts';

type MessageOf<T extends RelayMessage['type']> = Extract<RelayMessage, { type: T }>;

const ADMIN_KEY = 'verify-test-admin-key';
const HASH_INTERVAL = 10;
const GRACE_MS = 1500;

let relay: RelayProcess;
let sim: Sim;

before(async () => {
  sim = await loadSimNode();
  relay = await startRelay({
    JWT_SECRET: TEST_SECRET,
    RELAY_ADMIN_KEY: ADMIN_KEY,
    RELAY_HASH_INTERVAL: String(HASH_INTERVAL),
    RELAY_RECONNECT_GRACE_MS: String(GRACE_MS),
    RELAY_START_DELAY_MS: '100',
    RELAY_HEARTBEAT_MS: '100',
  });
});

after(async () => {
  await relay?.stop();
});

interface AdminRoom {
  code: string;
  phase: string;
  simBuild: string;
  frontier: number;
  hashInterval: number;
  verifierBytes: number;
  checkpoints: [number, string][];
  desyncs: { tick: number; seat: number; playerId: string; clientHash: string; relayHash: string }[];
  members: { playerId: string; seat: number; connected: boolean; ready: boolean; pingMs: number }[];
}

async function adminRoom(code: string, key = ADMIN_KEY): Promise<AdminRoom> {
  const response = await fetch(new URL(`admin/rooms/${code}`, relay.url), { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as AdminRoom;
}

/** Waits until the follower has reached `tick`. */
async function reach(follower: SimFollower, tick: number, timeoutMs = 5000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (follower.tick < tick) {
    if (performance.now() > until) throw new Error(`follower at tick ${follower.tick}, not ${tick}, after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Every checkpoint the follower computed is the relay's, and there are some after `from`. */
function assertSameHashes(follower: SimFollower, room: AdminRoom, from = 0): void {
  const relayHashes = new Map(room.checkpoints);
  let compared = 0;
  for (const [tick, hash] of follower.hashes) {
    if (!relayHashes.has(tick)) continue;
    assert.equal(hex32(hash), relayHashes.get(tick), `checkpoint at tick ${tick}`);
    if (tick > from) compared++;
  }
  assert.ok(compared >= 3, `only ${compared} checkpoints after tick ${from} compared`);
}

function follow(client: RelayTestClient, started: MessageOf<'MatchStarted'>, sendHashes = true): SimFollower {
  return new SimFollower(client, sim, TEST_SETTINGS, started, sendHashes);
}

function arrivalOf(client: RelayTestClient, message: RelayMessage): number {
  return client.received.find((r) => r.message === message)!.at;
}

test('players sending the right hashes: no desync, and their checkpoint hashes are the relay\'s', async () => {
  const match = await runningMatch(relay.wsUrl, 2);
  assert.equal(match.started.hashInterval, HASH_INTERVAL);
  const followers = match.players.map((player) => follow(player, match.started));
  try {
    for (const follower of followers) await reach(follower, 90);
    const room = await adminRoom(match.code);
    assert.deepEqual([room.phase, room.simBuild, room.hashInterval], ['running', TEST_BUILD, HASH_INTERVAL]);
    assert.deepEqual(room.desyncs, []);
    assert.equal(room.checkpoints[0]![0], 0, 'tick 0 is a checkpoint too');
    for (const follower of followers) assertSameHashes(follower, room);
    assert.ok(room.frontier >= 90);
    assert.ok(room.verifierBytes > 0 && room.verifierBytes < 64 * 1024, `a room's verifier takes ${room.verifierBytes} bytes`);
    assert.equal(relay.logs.filter((line) => line.msg === 'desync' && line['room'] === match.code).length, 0);
  } finally {
    followers.forEach((follower) => follower.stop());
    match.stop();
  }
});

test('a wrong StateHash is logged as a desync and answered with a Snapshot of the relay\'s state', async () => {
  const match = await runningMatch(relay.wsUrl, 2);
  const [honest, liar] = [follow(match.players[0]!, match.started), follow(match.players[1]!, match.started)];
  liar.lieAt.add(3 * HASH_INTERVAL);
  try {
    const snapshot = await match.players[1]!.next('Snapshot');
    const trueHash = liar.hashes.get(3 * HASH_INTERVAL)!;
    assert.equal(snapshot.reason, SnapshotReason.desync);
    assert.deepEqual([snapshot.desyncTick, snapshot.clientHash, snapshot.relayHash], [3 * HASH_INTERVAL, (trueHash ^ 1) >>> 0, trueHash]);
    assert.ok(snapshot.tick >= 3 * HASH_INTERVAL);

    const line = await relay.waitForLog((l) => l.msg === 'desync' && l['room'] === match.code);
    assert.equal(line.level, 'warn');
    assert.deepEqual(
      [line['tick'], line['seat'], line['playerId'], line['clientHash'], line['relayHash']],
      [3 * HASH_INTERVAL, 1, (await adminRoom(match.code)).members[1]!.playerId, hex32(trueHash ^ 1), hex32(trueHash)],
    );
    // The state restores, in a sim of its own, to the hash the relay says it has.
    const fresh = sim.newWorld();
    fresh.start(matchConfigForRoom(TEST_SETTINGS, match.started.seats));
    fresh.restoreState(snapshot.state);
    assert.equal(fresh.hash(), snapshot.hash);
    fresh.free();

    // Only the liar heard of it, and both carry on with the relay's hashes.
    await reach(liar, snapshot.tick + 4 * HASH_INTERVAL);
    const room = await adminRoom(match.code);
    assert.deepEqual(room.desyncs, [{ tick: 3 * HASH_INTERVAL, seat: 1, playerId: line['playerId'], clientHash: hex32(trueHash ^ 1), relayHash: hex32(trueHash) }]);
    assert.equal(match.players[0]!.received.filter((r) => r.message.type === 'Snapshot').length, 0);
    assertSameHashes(liar, room, snapshot.tick);
    assertSameHashes(honest, room);
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    assert.match(metrics, /^tessera_relay_desyncs_total [1-9]/m);
    assert.match(metrics, /^tessera_relay_resyncs_total [1-9]/m);
    assert.match(metrics, /^tessera_relay_state_hashes_total\{outcome="matched"\} [1-9]/m);
  } finally {
    honest.stop();
    liar.stop();
    match.stop();
  }
});

test('a late joiner (and a spectator) get MatchStarted and the state at the frontier; the others keep their pace', async () => {
  const [ann, bob, cat, eve] = await Promise.all([0, 1, 2, 3].map(async (i) => RelayTestClient.welcomed(relay.wsUrl, await signToken({ name: `late ${i}` }))));
  const code = await createRoom(ann!, 3, false);
  await joinRoom(bob!, code);
  bob!.send({ type: 'SetReady', ready: true });
  await ann!.nextMatching('MemberUpdated', (m) => m.member.ready);
  ann!.send({ type: 'StartMatch' });
  const stops = [];
  const followers: SimFollower[] = [];
  try {
    for (const player of [ann!, bob!]) {
      const started = await player.next('MatchStarted');
      stops.push(playInputs(player, started, arrivalOf(player, started)));
      followers.push(follow(player, started));
    }
    await reach(followers[0]!, 60);

    const joinedAt = performance.now();
    cat!.send({ type: 'JoinRoom', code, simBuild: TEST_BUILD, role: Role.player });
    eve!.send({ type: 'JoinRoom', code, simBuild: TEST_BUILD, role: Role.spectator });
    for (const late of [cat!, eve!]) {
      const joined = await late.next('RoomJoined');
      assert.equal(joined.phase, RoomPhase.running);
      const started = await late.next('MatchStarted');
      const snapshot = await late.next('Snapshot');
      assert.deepEqual(late.received.slice(1, 4).map((r) => r.message.type), ['RoomJoined', 'MatchStarted', 'Snapshot']);
      assert.equal(started.startsInMs, 0);
      assert.equal(started.startRelayTime, (ann!.received.find((r) => r.message.type === 'MatchStarted')!.message as MessageOf<'MatchStarted'>).startRelayTime);
      assert.equal(snapshot.reason, SnapshotReason.lateJoin);
      assert.ok(snapshot.tick >= 60, `snapshot at tick ${snapshot.tick}`);
      const follower = follow(late, started);
      followers.push(follower);
      if (late === cat) {
        // Cat plays from the snapshot's tick on, a couple of ticks ahead, as a client would.
        stops.push(playInputs(cat, started, arrivalOf(cat, snapshot), snapshot.tick + 2));
      }
    }
    await sleep(1000);
    const room = await adminRoom(code);
    for (const follower of followers) assertSameHashes(follower, room);
    // Nobody waited for the joiner: ann kept receiving about 60 ticks a second with no stall.
    const { gapMs, frames } = largestFramesGap(ann!, joinedAt);
    assert.ok(gapMs < 60, `ann waited ${gapMs} ms for a Frames after the join`);
    assert.ok(frames >= 50, `${frames} Frames in the second after the join`);
    const lastFrames = [...cat!.received].reverse().find((r) => r.message.type === 'Frames')!.message as MessageOf<'Frames'>;
    assert.equal(lastFrames.ticks[0]!.lagging & 0b100, 0, 'cat plays in time');
    assert.ok(lastFrames.ticks.some((t) => t.inputs[2] !== 0), 'cat\'s inputs are played');
  } finally {
    stops.forEach((stop) => stop());
    followers.forEach((follower) => follower.stop());
    for (const client of [ann, bob, cat, eve]) client!.close();
  }
});

test('a player back within the grace gets its seat and the state; after the grace the seat is given up', async () => {
  const subs = ['reconnect-ann', 'reconnect-bob'].map((sub) => `${sub}-${process.pid}-${Date.now()}`);
  const [ann, bob] = await Promise.all(subs.map(async (sub) => RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub }))));
  const code = await createRoom(ann!, 2);
  await joinRoom(bob!, code);
  const stops = [];
  for (const player of [ann!, bob!]) {
    const started = await player.next('MatchStarted');
    stops.push(playInputs(player, started, arrivalOf(player, started)));
  }
  let bobAgain: RelayTestClient | undefined;
  let follower: SimFollower | undefined;
  try {
    await sleep(400);
    bob!.close();
    const away = await ann!.next('MemberUpdated');
    assert.deepEqual([away.member.playerId, away.member.seat, away.member.connected], [subs[1], 1, false]);
    const awayAt = performance.now();
    await sleep(200);
    assert.ok(largestFramesGap(ann!, awayAt).gapMs < 60, 'the held seat is not waited for');

    bobAgain = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub: subs[1] }));
    bobAgain.send({ type: 'JoinRoom', code, simBuild: TEST_BUILD, role: Role.player });
    const joined = await bobAgain.next('RoomJoined');
    assert.equal(joined.seat, 1, 'the same seat');
    const started = await bobAgain.next('MatchStarted');
    const snapshot = await bobAgain.next('Snapshot');
    assert.equal(snapshot.reason, SnapshotReason.reconnect);
    const back = await ann!.next('MemberUpdated');
    assert.deepEqual([back.member.playerId, back.member.connected], [subs[1], true]);
    assert.equal(ann!.received.filter((r) => r.message.type === 'MemberLeft').length, 0);
    follower = follow(bobAgain, started);
    stops.push(playInputs(bobAgain, started, arrivalOf(bobAgain, snapshot), snapshot.tick + 2));
    await reach(follower, snapshot.tick + 5 * HASH_INTERVAL);
    assertSameHashes(follower, await adminRoom(code), snapshot.tick);

    // Gone for longer than the grace: the others see it leave.
    bobAgain.close();
    await ann!.nextMatching('MemberUpdated', (m) => !m.member.connected);
    const leftAt = performance.now();
    const left = await ann!.next('MemberLeft', GRACE_MS + 1000);
    assert.deepEqual([left.playerId, left.seat], [subs[1], 1]);
    assert.ok(performance.now() - leftAt > GRACE_MS - 100, `left after ${performance.now() - leftAt} ms`);
  } finally {
    stops.forEach((stop) => stop());
    follower?.stop();
    for (const client of [ann, bob, bobAgain]) client?.close();
  }
});

test('another sim build, or settings too large to snapshot, are refused with a sentence', async () => {
  const client = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  try {
    client.send({ type: 'CreateRoom', simBuild: 'an-old-build', maxPlayers: 2, autoStart: true, settings: TEST_SETTINGS });
    let refused = await client.next('RoomRequestFailed');
    assert.deepEqual([refused.request, refused.error], [MessageType.CreateRoom, RoomError.buildMismatch]);
    assert.equal(refused.message, `this relay runs sim build ${TEST_BUILD} and your game is build an-old-build: reload the page to get the current version`);
    client.send({ type: 'QuickMatch', simBuild: 'an-old-build', maxPlayers: 2 });
    assert.equal((await client.next('RoomRequestFailed')).error, RoomError.buildMismatch);

    client.send({ type: 'CreateRoom', simBuild: TEST_BUILD, maxPlayers: 8, autoStart: true, settings: { seed: 1, matchTicks: 0, orbs: 60_000 } });
    refused = await client.next('RoomRequestFailed');
    assert.equal(refused.error, RoomError.invalidRequest);
    assert.match(refused.message, /60000 orbs has a \d+-byte state, over the 262144 bytes a snapshot carries/);

    const code = await createRoom(client, 2);
    const other = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
    other.send({ type: 'JoinRoom', code, simBuild: 'an-old-build', role: Role.spectator });
    assert.equal((await other.next('RoomRequestFailed')).error, RoomError.buildMismatch);
    other.close();
  } finally {
    client.close();
  }
});

test('StartMatch waits for every seated player to be ready', async () => {
  const [ann, bob] = await Promise.all([0, 1].map(async () => RelayTestClient.welcomed(relay.wsUrl, await signToken())));
  try {
    const code = await createRoom(ann!, 3, false);
    await joinRoom(bob!, code);
    ann!.send({ type: 'StartMatch' });
    const refused = await ann!.next('RoomRequestFailed');
    assert.equal(refused.error, RoomError.notReady);
    bob!.send({ type: 'SetReady', ready: true });
    const ready = await ann!.next('MemberUpdated');
    assert.equal(ready.member.ready, true);
    ann!.send({ type: 'StartMatch' });
    assert.equal((await bob!.next('MatchStarted')).hashInterval, HASH_INTERVAL);
  } finally {
    ann!.close();
    bob!.close();
  }
});

test('the relay times each member\'s heartbeat round trip and shows it as pingMs', async () => {
  const ann = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  // A client whose pongs come back 40 ms late.
  const slow = await RelayTestClient.connect(relay.wsUrl, { token: await signToken(), autoPong: false });
  slow.socket.on('ping', (data: Buffer) => setTimeout(() => slow.socket.pong(data), 40));
  try {
    await slow.next('Welcome');
    const code = await createRoom(ann, 2, false);
    await joinRoom(slow, code);
    const updated = await ann.nextMatching('MemberUpdated', (m) => m.member.pingMs >= 40, 3000);
    assert.ok(updated.member.pingMs < 200, `${updated.member.pingMs} ms`);
    assert.equal(updated.member.seat, 1);
  } finally {
    ann.close();
    slow.close();
  }
});

test('GET /admin/rooms/:code needs the admin key and an open room', async () => {
  const ann = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ name: 'Admin Test' }));
  try {
    const code = await createRoom(ann, 2, false);
    const get = (path: string, key?: string) => fetch(new URL(path, relay.url), key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });
    assert.equal((await get(`admin/rooms/${code}`)).status, 401);
    assert.equal((await get(`admin/rooms/${code}`, 'wrong')).status, 401);
    const unknown = await get('admin/rooms/ZZZZZZ', ADMIN_KEY);
    assert.equal(unknown.status, 404);
    assert.match(((await unknown.json()) as { error: string }).error, /no open room has the code "ZZZZZZ"/);
    const room = await adminRoom(code.toLowerCase());
    assert.deepEqual([room.code, room.phase, room.frontier, room.checkpoints, room.desyncs], [code, 'lobby', 0, [], []]);
    assert.deepEqual(room.members.map((m) => [m.seat, m.connected, m.ready]), [[0, true, false]]);
  } finally {
    ann.close();
  }
});
