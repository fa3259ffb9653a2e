// Rooms through the RoomService as a connection uses it: create, join by code, spectate, leave,
// start; every refusal is a RoomRequestFailed with its RoomError and a sentence, never a close.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageType, Role, RoomError, RoomPhase, type CreateRoom } from '../protocol/generated/tessera.ts';
import type { RoomService } from '../relay/rooms/RoomService.ts';
import { FakeMember, roomServiceForTest } from './support/roomFakes.ts';

const BUILD = 'build-a';
const SETTINGS = { seed: 7, matchTicks: 600, orbs: 12 };

function create(service: RoomService, owner: FakeMember, fields: Partial<CreateRoom> = {}): string {
  service.handle(owner, { type: 'CreateRoom', simBuild: BUILD, maxPlayers: 3, autoStart: false, settings: SETTINGS, ...fields });
  return owner.last('RoomJoined').code;
}

function join(service: RoomService, member: FakeMember, code: string, role: Role = Role.player, simBuild = BUILD): void {
  service.handle(member, { type: 'JoinRoom', code, simBuild, role });
}

function assertRefused(member: FakeMember, request: keyof typeof MessageType, error: RoomError): void {
  const failed = member.last('RoomRequestFailed');
  assert.equal(failed.request, MessageType[request]);
  assert.equal(failed.error, error, `${failed.message}`);
  assert.ok(failed.message.length > 10, `a sentence for the player: "${failed.message}"`);
}

test('CreateRoom answers RoomJoined with a fresh code; the creator holds seat 0 and owns the room', () => {
  const { service, stats } = roomServiceForTest();
  const ann = new FakeMember('ann', 'Ann');
  const code = create(service, ann);
  assert.deepEqual(ann.received, [
    {
      type: 'RoomJoined',
      code,
      simBuild: BUILD,
      role: Role.player,
      seat: 0,
      maxPlayers: 3,
      owner: 'ann',
      phase: RoomPhase.lobby,
      settings: SETTINGS,
      members: [{ playerId: 'ann', name: 'Ann', role: Role.player, seat: 0, ready: false, connected: true, pingMs: 0 }],
    },
  ]);
  assert.match(code, /^[A-Z2-9]{6}$/);
  assert.equal(service.roomCount, 1);
  assert.equal(service.memberCount, 1);
  assert.equal(stats.roomsCreated, 1);
});

test('JoinRoom by code, in any case, seats the joiner, lists the members and tells the others', () => {
  const { service } = roomServiceForTest();
  const [ann, bob] = [new FakeMember('ann'), new FakeMember('bob')];
  const code = create(service, ann);
  ann.clear();
  join(service, bob, code.toLowerCase());
  const joined = bob.last('RoomJoined');
  assert.equal(joined.code, code);
  assert.equal(joined.seat, 1);
  assert.equal(joined.owner, 'ann');
  assert.deepEqual(joined.members.map((member) => [member.playerId, member.seat]), [['ann', 0], ['bob', 1]]);
  assert.deepEqual(ann.received, [{ type: 'MemberJoined', member: { playerId: 'bob', name: 'bob', role: Role.player, seat: 1, ready: false, connected: true, pingMs: 0 } }]);
});

test('refusals: unknown code, full room, other sim build', () => {
  const { service } = roomServiceForTest();
  const [ann, bob, cat, dan] = ['ann', 'bob', 'cat', 'dan'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember, FakeMember];
  const code = create(service, ann, { maxPlayers: 2 });
  join(service, bob, 'ZZZZZZ');
  assertRefused(bob, 'JoinRoom', RoomError.notFound);
  join(service, bob, code, Role.player, 'build-b');
  assertRefused(bob, 'JoinRoom', RoomError.buildMismatch);
  assert.match(bob.last('RoomRequestFailed').message, /build-a.*build-b/);
  join(service, bob, code);
  join(service, cat, code);
  assertRefused(cat, 'JoinRoom', RoomError.full);
  assert.equal(service.memberCount, 2, 'refused members are in no room');
  join(service, dan, code, Role.spectator, 'build-b');
  assertRefused(dan, 'JoinRoom', RoomError.buildMismatch);
  const longBuild = create(service, new FakeMember('eve'), { simBuild: 'e'.repeat(64) });
  join(service, dan, longBuild, Role.player, 'd'.repeat(64));
  assertRefused(dan, 'JoinRoom', RoomError.buildMismatch); // the sentence fits RoomRequestFailed's 200 bytes
});

test('spectators join a full room up to maxSpectators, on seat 255', () => {
  const { service } = roomServiceForTest({ maxSpectators: 2 });
  const ann = new FakeMember('ann');
  const code = create(service, ann, { maxPlayers: 1 });
  const watchers = ['w1', 'w2', 'w3'].map((id) => new FakeMember(id));
  for (const watcher of watchers) join(service, watcher, code, Role.spectator);
  const joined = watchers[0]!.all('RoomJoined')[0]!;
  assert.equal(joined.role, Role.spectator);
  assert.equal(joined.seat, 255);
  assert.deepEqual(watchers[1]!.last('RoomJoined').members.map((member) => [member.playerId, member.role, member.seat]), [
    ['ann', Role.player, 0],
    ['w1', Role.spectator, 255],
    ['w2', Role.spectator, 255],
  ]);
  assertRefused(watchers[2]!, 'JoinRoom', RoomError.full);
});

test('a member already in a room must leave it before creating, joining or quick-matching', () => {
  const { service } = roomServiceForTest();
  const [ann, bob] = [new FakeMember('ann'), new FakeMember('bob')];
  const code = create(service, ann);
  create(service, bob);
  service.handle(ann, { type: 'CreateRoom', simBuild: BUILD, maxPlayers: 2, autoStart: false, settings: SETTINGS });
  assertRefused(ann, 'CreateRoom', RoomError.alreadyInRoom);
  join(service, bob, code);
  assertRefused(bob, 'JoinRoom', RoomError.alreadyInRoom);
  join(service, ann, code);
  assertRefused(ann, 'JoinRoom', RoomError.alreadyInRoom);
  service.handle(ann, { type: 'QuickMatch', simBuild: BUILD, maxPlayers: 2 });
  assertRefused(ann, 'QuickMatch', RoomError.alreadyInRoom);
  assert.equal(service.roomCount, 2);
});

test('maxPlayers 0 or over maxSeats is an invalid request', () => {
  const { service } = roomServiceForTest();
  const ann = new FakeMember('ann');
  for (const maxPlayers of [0, 9]) {
    service.handle(ann, { type: 'CreateRoom', simBuild: BUILD, maxPlayers, autoStart: false, settings: SETTINGS });
    assertRefused(ann, 'CreateRoom', RoomError.invalidRequest);
    service.handle(ann, { type: 'QuickMatch', simBuild: BUILD, maxPlayers });
    assertRefused(ann, 'QuickMatch', RoomError.invalidRequest);
  }
  create(service, ann, { maxPlayers: 8 });
  assert.equal(service.roomCount, 1, '8 seats is the most, and allowed');
});

test('requests that need a room are refused outside one', () => {
  const { service } = roomServiceForTest();
  const ann = new FakeMember('ann');
  service.handle(ann, { type: 'LeaveRoom' });
  assertRefused(ann, 'LeaveRoom', RoomError.notInRoom);
  service.handle(ann, { type: 'StartMatch' });
  assertRefused(ann, 'StartMatch', RoomError.notInRoom);
  service.handle(ann, { type: 'Input', tick: 0, input: 1, clientTime: 0 });
  assertRefused(ann, 'Input', RoomError.notInRoom);
});

test('leaving: RoomLeft to the leaver, MemberLeft to the rest with the next owner; the last player closes the room', () => {
  const { service, stats } = roomServiceForTest();
  const [ann, bob, cat, watcher] = ['ann', 'bob', 'cat', 'w'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember, FakeMember];
  const code = create(service, ann);
  join(service, bob, code);
  join(service, watcher, code, Role.spectator);
  join(service, cat, code);
  for (const member of [ann, bob, cat, watcher]) member.clear();

  service.handle(ann, { type: 'LeaveRoom' });
  assert.deepEqual(ann.received, [{ type: 'RoomLeft', code }]);
  for (const member of [bob, cat, watcher]) assert.deepEqual(member.received, [{ type: 'MemberLeft', playerId: 'ann', seat: 0, owner: 'bob' }]);

  service.disconnect(bob);
  assert.deepEqual(cat.last('MemberLeft'), { type: 'MemberLeft', playerId: 'bob', seat: 1, owner: 'cat' }, 'the spectator who came earlier does not own the room');
  assert.equal(bob.received.length, 1, 'a closed socket is sent nothing');

  join(service, ann, code);
  assert.equal(ann.last('RoomJoined').seat, 0, 'the lowest free seat');
  service.handle(ann, { type: 'LeaveRoom' });
  watcher.clear();
  service.handle(cat, { type: 'LeaveRoom' });
  assert.deepEqual(watcher.received, [{ type: 'RoomLeft', code }], 'no player left: the room closes around the spectator');
  assert.equal(service.roomCount, 0);
  assert.equal(service.memberCount, 0);
  assert.equal(stats.roomsClosed, 1);
  join(service, bob, code);
  assertRefused(bob, 'JoinRoom', RoomError.notFound);
});

test('only the owner starts the match, once everyone seated is ready; MatchStarted goes to every member', () => {
  const { service, clock } = roomServiceForTest();
  const [ann, bob, watcher] = ['ann', 'bob', 'w'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember];
  const code = create(service, ann);
  join(service, bob, code);
  join(service, watcher, code, Role.spectator);
  service.handle(bob, { type: 'StartMatch' });
  assertRefused(bob, 'StartMatch', RoomError.notOwner);
  service.handle(watcher, { type: 'StartMatch' });
  assertRefused(watcher, 'StartMatch', RoomError.notOwner);
  service.handle(ann, { type: 'StartMatch' });
  assertRefused(ann, 'StartMatch', RoomError.notReady);
  assert.match(ann.last('RoomRequestFailed').message, /waiting for bob/);
  service.handle(watcher, { type: 'SetReady', ready: true });
  assertRefused(watcher, 'SetReady', RoomError.spectator);
  service.handle(bob, { type: 'SetReady', ready: true });
  for (const member of [ann, bob, watcher]) {
    assert.deepEqual(member.last('MemberUpdated').member, { playerId: 'bob', name: 'bob', role: Role.player, seat: 1, ready: true, connected: true, pingMs: 0 });
  }
  clock.now = 1000;
  service.handle(ann, { type: 'StartMatch' });
  for (const member of [ann, bob, watcher]) {
    assert.deepEqual(member.last('MatchStarted'), { type: 'MatchStarted', startsInMs: 500, tickRate: 60, inputDeadlineMs: 100, seats: 3, startRelayTime: 1500, hashInterval: 0 });
  }
  service.handle(bob, { type: 'SetReady', ready: false });
  assertRefused(bob, 'SetReady', RoomError.matchRunning);
  service.handle(ann, { type: 'StartMatch' });
  assertRefused(ann, 'StartMatch', RoomError.matchRunning);
});

test('an autoStart room starts when its last seat is taken', () => {
  const { service } = roomServiceForTest();
  const [ann, bob] = [new FakeMember('ann'), new FakeMember('bob')];
  const code = create(service, ann, { maxPlayers: 2, autoStart: true });
  assert.equal(ann.all('MatchStarted').length, 0);
  join(service, bob, code);
  assert.deepEqual(bob.received.map((message) => message.type), ['RoomJoined', 'MatchStarted']);
  assert.deepEqual(ann.received.map((message) => message.type), ['RoomJoined', 'MemberJoined', 'MatchStarted']);
});

test('close() sends RoomLeft to every member and forgets every room', () => {
  const { service, stats } = roomServiceForTest();
  const [ann, bob, cat] = ['ann', 'bob', 'cat'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember];
  const code = create(service, ann);
  join(service, bob, code, Role.spectator);
  const other = create(service, cat);
  service.close();
  assert.deepEqual(ann.last('RoomLeft'), { type: 'RoomLeft', code });
  assert.deepEqual(bob.last('RoomLeft'), { type: 'RoomLeft', code });
  assert.deepEqual(cat.last('RoomLeft'), { type: 'RoomLeft', code: other });
  assert.equal(service.roomCount, 0);
  assert.equal(service.memberCount, 0);
  assert.equal(stats.roomsClosed, 2);
});

test('options the wire cannot carry are refused at construction', () => {
  assert.throws(() => roomServiceForTest({ maxSpectators: 33 }), /maxSpectators must be a whole number in 0\.\.32/);
  assert.throws(() => roomServiceForTest({ startDelayMs: 70_000 }), /startDelayMs/);
  assert.throws(() => roomServiceForTest({ tickRate: 0 }), /tickRate/);
});

test('the room lifecycle reaches the relay log hook: opened, match started (by autoStart), closed', () => {
  const { service, lifecycle } = roomServiceForTest();
  const ann = new FakeMember('ann', 'Ann');
  const bob = new FakeMember('bob', 'Bob');
  const code = create(service, ann, { maxPlayers: 2, autoStart: true });
  join(service, bob, code);
  service.handle(ann, { type: 'LeaveRoom' });
  service.handle(bob, { type: 'LeaveRoom' });
  assert.deepEqual(
    lifecycle.map((e) => [e.event, e.room, e.players]),
    [
      ['roomOpened', code, 0], // announced as it opens, before its creator takes seat 0
      ['matchStarted', code, 2],
      ['roomClosed', code, 0],
    ],
  );
});
