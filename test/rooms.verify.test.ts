// Verification, held seats and reconnects in the RoomService on a fake clock, with the relay's real
// sim (Verification over build/tessera.wasm): which StateHashes are compared, when a held seat is
// given up, and what a returning player receives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { Role, SnapshotReason } from '../protocol/generated/tessera.ts';
import type { RoomService } from '../relay/rooms/RoomService.ts';
import { Verification } from '../relay/rooms/Verification.ts';
import { FakeMember, roomServiceForTest } from './support/roomFakes.ts';

const sim = await loadSimNode();
const INTERVAL = 5;
const GRACE_MS = 1000;
const SETTINGS = { seed: 9, matchTicks: 0, orbs: 6 };

function verifyingService() {
  return roomServiceForTest({ reconnectGraceMs: GRACE_MS }, new Verification(sim, INTERVAL));
}

/** A running 2-seat room (autoStart) with ann and bob; returns its code. */
function running(service: RoomService, ann: FakeMember, bob: FakeMember): string {
  service.handle(ann, { type: 'CreateRoom', simBuild: sim.buildId, maxPlayers: 2, autoStart: true, settings: SETTINGS });
  const code = ann.last('RoomJoined').code;
  service.handle(bob, { type: 'JoinRoom', code, simBuild: sim.buildId, role: Role.player });
  return code;
}

function play(service: RoomService, players: FakeMember[], ticks: Iterable<number>): void {
  for (const tick of ticks) for (const [seat, player] of players.entries()) service.handle(player, { type: 'Input', tick, input: (tick * 7 + seat) & 0xff, clientTime: 0 });
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

test('StateHashes: checkpoints compared, the rest counted and dropped; a mismatch resyncs only its sender', () => {
  const { service, stats, desyncs } = verifyingService();
  const [ann, bob] = [new FakeMember('ann'), new FakeMember('bob')];
  running(service, ann, bob);
  assert.equal(ann.last('MatchStarted').hashInterval, INTERVAL);
  play(service, [ann, bob], range(0, 12));
  // The relay's own hash at tick 10, from a world replaying the same inputs.
  const world = sim.newWorld();
  world.start({ seed: 9, players: 2, botMask: 0, matchTicks: 0, orbs: 6 });
  for (const tick of range(0, 10)) world.stepWith([(tick * 7) & 0xff, (tick * 7 + 1) & 0xff]);
  const hash10 = world.hash();
  world.free();

  service.handle(ann, { type: 'StateHash', tick: 10, hash: hash10 });
  assert.deepEqual([stats.stateHashesMatched, stats.desyncs], [1, 0]);
  for (const tick of [7, 15, 100]) service.handle(ann, { type: 'StateHash', tick, hash: 1 }); // no checkpoint, unconfirmed
  assert.equal(stats.stateHashesIgnored, 3);

  bob.clear();
  service.handle(bob, { type: 'StateHash', tick: 10, hash: hash10 ^ 4 });
  const snapshot = bob.last('Snapshot');
  assert.deepEqual([snapshot.reason, snapshot.tick, snapshot.desyncTick, snapshot.relayHash, snapshot.clientHash], [SnapshotReason.desync, 12, 10, hash10, (hash10 ^ 4) >>> 0]);
  assert.equal(desyncs.length, 1);
  assert.deepEqual([stats.desyncs, stats.resyncs], [1, 1]);
  assert.equal(ann.all('Snapshot').length, 0);
  // Bob's hashes computed before the snapshot reached him are stale, not new desyncs.
  service.handle(bob, { type: 'StateHash', tick: 10, hash: 0 });
  assert.deepEqual([stats.desyncs, stats.stateHashesIgnored], [1, 4]);
});

test('a dropped player\'s seat is held for the grace, comes back with a new connection, then is given up', () => {
  const { service, clock, stats } = verifyingService();
  const [ann, bob] = [new FakeMember('ann'), new FakeMember('bob')];
  const code = running(service, ann, bob);
  play(service, [ann, bob], range(0, 20));
  ann.clear();
  service.disconnect(bob);
  assert.deepEqual(ann.last('MemberUpdated').member, { playerId: 'bob', name: 'bob', role: Role.player, seat: 1, ready: false, connected: false, pingMs: 0 });
  play(service, [ann], range(20, 22));
  assert.deepEqual(ann.last('Frames').ticks.map((t) => [t.lagging, t.inputs[1]]), [[0, 0]], 'the held seat sends 0, unwaited for');

  clock.now += GRACE_MS - 1;
  service.sweep();
  assert.equal(ann.all('MemberLeft').length, 0);
  const bobAgain = new FakeMember('bob');
  service.handle(bobAgain, { type: 'JoinRoom', code, simBuild: sim.buildId, role: Role.player });
  assert.deepEqual(bobAgain.received.map((m) => m.type), ['RoomJoined', 'MatchStarted', 'Snapshot']);
  const lastFrames = ann.all('Frames').at(-1)!;
  assert.equal(bobAgain.last('Snapshot').tick, lastFrames.firstTick + lastFrames.ticks.length, 'the state at the frontier');
  assert.deepEqual([bobAgain.all('RoomJoined')[0]!.seat, ann.last('MemberUpdated').member.connected, stats.reconnects], [1, true, 1]);

  service.disconnect(bobAgain);
  clock.now += GRACE_MS;
  service.sweep();
  assert.deepEqual(ann.last('MemberLeft'), { type: 'MemberLeft', playerId: 'bob', seat: 1, owner: 'ann' });
  service.handle(bobAgain, { type: 'JoinRoom', code, simBuild: sim.buildId, role: Role.player });
  assert.equal(bobAgain.last('Snapshot').reason, SnapshotReason.lateJoin, 'after the grace, a new player like any other');

  // The last player gone: its seat is held, then the room closes and its verifier world is freed.
  service.handle(bobAgain, { type: 'LeaveRoom' });
  service.disconnect(ann);
  assert.equal(service.roomCount, 1);
  clock.now += GRACE_MS;
  service.sweep();
  assert.deepEqual([service.roomCount, service.verifierBytes], [0, 0]);
});

test('spectators and lobby players leave at once; a seat is never held outside a match', () => {
  const { service } = verifyingService();
  const [ann, bob, eve] = [new FakeMember('ann'), new FakeMember('bob'), new FakeMember('eve')];
  service.handle(ann, { type: 'CreateRoom', simBuild: sim.buildId, maxPlayers: 3, autoStart: false, settings: SETTINGS });
  const code = ann.last('RoomJoined').code;
  service.handle(bob, { type: 'JoinRoom', code, simBuild: sim.buildId, role: Role.player });
  service.handle(eve, { type: 'JoinRoom', code, simBuild: sim.buildId, role: Role.spectator });
  service.disconnect(bob);
  assert.equal(ann.last('MemberLeft').playerId, 'bob');
  service.disconnect(eve);
  assert.equal(ann.last('MemberLeft').playerId, 'eve');
});
