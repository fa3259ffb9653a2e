// A running room through the RoomService: inputs in, one Frames per confirmation batch out to every
// member (encoded once, the same payload for all), spectators read-only, a silent player unable to
// stall the others, players leaving and joining mid-match.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageType, Role, RoomError, RoomPhase } from '../protocol/generated/tessera.ts';
import type { RoomService } from '../relay/rooms/RoomService.ts';
import { FakeMember, roomServiceForTest } from './support/roomFakes.ts';

const START_DELAY_MS = 500;
const DEADLINE_MS = 100;
const MS_PER_TICK = 1000 / 60;

/** A started room of `seats` seats with the given players (seat order) and spectators. */
function startedRoom(service: RoomService, seats: number, players: FakeMember[], spectators: FakeMember[] = []): string {
  service.handle(players[0]!, { type: 'CreateRoom', simBuild: 'b', maxPlayers: seats, autoStart: false, settings: { seed: 3, matchTicks: 0, orbs: 4 } });
  const code = players[0]!.last('RoomJoined').code;
  for (const player of players.slice(1)) service.handle(player, { type: 'JoinRoom', code, simBuild: 'b', role: Role.player });
  for (const spectator of spectators) service.handle(spectator, { type: 'JoinRoom', code, simBuild: 'b', role: Role.spectator });
  for (const player of players.slice(1)) service.handle(player, { type: 'SetReady', ready: true });
  service.handle(players[0]!, { type: 'StartMatch' });
  for (const member of [...players, ...spectators]) member.clear();
  return code;
}

function input(service: RoomService, member: FakeMember, tick: number, value: number, clientTime = 0): void {
  service.handle(member, { type: 'Input', tick, input: value, clientTime });
}

test('every member gets one Frames per confirmation batch, the same payload object for all', () => {
  const { service } = roomServiceForTest();
  const [ann, bob, watcher] = ['ann', 'bob', 'w'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember];
  startedRoom(service, 2, [ann, bob], [watcher]);
  input(service, ann, 0, 0xa0, 11);
  assert.equal(watcher.received.length, 0, 'tick 0 waits for bob');
  input(service, bob, 0, 0xb0, 22);
  for (const member of [ann, bob, watcher]) {
    assert.deepEqual(member.received, [{ type: 'Frames', firstTick: 0, ticks: [{ lagging: 0, inputs: [0xa0, 0xb0], clientTimes: [11, 22] }] }]);
  }
  assert.ok(ann.payloads[0] === bob.payloads[0] && bob.payloads[0] === watcher.payloads[0], 'encoded once for the room');

  for (let tick = 1; tick <= 3; tick++) input(service, ann, tick, tick, 0);
  for (let tick = 3; tick >= 1; tick--) input(service, bob, tick, tick, 0);
  for (const member of [ann, bob, watcher]) {
    assert.equal(member.all('Frames').length, 2, 'ticks 1..3 in one message');
    assert.deepEqual(member.last('Frames').ticks.length, 3);
  }
});

test('spectators are read-only, and no input is taken before the match starts', () => {
  const { service, stats } = roomServiceForTest();
  const [ann, bob, watcher] = ['ann', 'bob', 'w'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember];
  service.handle(ann, { type: 'CreateRoom', simBuild: 'b', maxPlayers: 2, autoStart: true, settings: { seed: 3, matchTicks: 0, orbs: 4 } });
  const code = ann.last('RoomJoined').code;
  service.handle(watcher, { type: 'JoinRoom', code, simBuild: 'b', role: Role.spectator });
  input(service, ann, 0, 1);
  assert.equal(ann.last('RoomRequestFailed').error, RoomError.notRunning, 'lobby: not running yet');
  service.handle(bob, { type: 'JoinRoom', code, simBuild: 'b', role: Role.player });
  input(service, watcher, 0, 1);
  const refused = watcher.last('RoomRequestFailed');
  assert.deepEqual([refused.request, refused.error], [MessageType.Input, RoomError.spectator]);
  assert.equal(stats.inputsAccepted, 0);
  input(service, ann, 0, 1);
  input(service, bob, 0, 2);
  assert.deepEqual(watcher.last('Frames').ticks[0]!.inputs, [1, 2], 'the watcher still gets the frames');
});

test('with one player silent the others\' ticks confirm within the deadline, and every member hears of the lag', () => {
  const { service, clock, stats } = roomServiceForTest();
  const [ann, bob, cat, watcher] = ['ann', 'bob', 'cat', 'w'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember, FakeMember];
  startedRoom(service, 3, [ann, bob, cat], [watcher]);
  const startAt = clock.now + START_DELAY_MS;
  const confirmedAt: number[] = [];
  let nextInput = 0;
  for (; clock.now <= startAt + 2010; clock.now++) {
    for (; startAt + nextInput * MS_PER_TICK <= clock.now; nextInput++) {
      input(service, ann, nextInput, 1);
      input(service, bob, nextInput, 2);
    }
    service.sweep();
    const latest = watcher.all('Frames').at(-1);
    if (latest !== undefined) while (confirmedAt.length < latest.firstTick + latest.ticks.length) confirmedAt.push(clock.now);
  }
  assert.equal(confirmedAt.length, Math.floor((2010 - DEADLINE_MS) / MS_PER_TICK) + 1, 'every tick due by then');
  confirmedAt.forEach((at, tick) => {
    const lag = at - (startAt + tick * MS_PER_TICK);
    assert.ok(lag > DEADLINE_MS - 1e-9 && lag < DEADLINE_MS + 1, `tick ${tick} confirmed ${lag} ms after it was due`);
  });
  for (const member of [ann, bob, cat, watcher]) {
    assert.deepEqual(member.all('SeatLagging'), [{ type: 'SeatLagging', seat: 2, lagging: true }]);
    assert.ok(member.all('Frames').every((frames) => frames.ticks.every((confirmed) => confirmed.lagging === 0b100)));
  }
  assert.equal(stats.ticksByDeadline, confirmedAt.length);
});

test('a player leaving mid-match frees a seat that sends 0; a newcomer takes it, unwaited for until its inputs arrive', () => {
  const { service, clock } = roomServiceForTest();
  const [ann, bob, dan] = ['ann', 'bob', 'dan'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember];
  const code = startedRoom(service, 2, [ann, bob]);
  input(service, ann, 0, 5);
  input(service, bob, 0, 6);
  service.handle(bob, { type: 'LeaveRoom' });
  input(service, ann, 1, 7);
  assert.deepEqual(ann.last('Frames').ticks, [{ lagging: 0, inputs: [7, 0], clientTimes: [0, 0] }], 'not waited for');

  service.handle(dan, { type: 'JoinRoom', code, simBuild: 'b', role: Role.player });
  const joined = dan.all('RoomJoined')[0]!;
  assert.deepEqual([joined.seat, joined.phase], [1, RoomPhase.running]);
  assert.deepEqual(dan.last('MatchStarted'), { type: 'MatchStarted', startsInMs: 0, tickRate: 60, inputDeadlineMs: 100, seats: 2, startRelayTime: START_DELAY_MS, hashInterval: 0 });
  input(service, ann, 2, 8);
  assert.deepEqual(dan.last('Frames').ticks, [{ lagging: 0, inputs: [8, 0], clientTimes: [0, 0] }], 'confirmed on ann\'s input alone: dan has sent nothing yet');
  // Dan's first input is for tick 4: from tick 4 on he is waited for, tick 3 is not.
  input(service, dan, 4, 9);
  input(service, ann, 3, 10);
  assert.deepEqual(ann.last('Frames').ticks, [{ lagging: 0, inputs: [10, 0], clientTimes: [0, 0] }]);
  input(service, ann, 4, 11);
  assert.deepEqual(ann.last('Frames').ticks, [{ lagging: 0, inputs: [11, 9], clientTimes: [0, 0] }]);
  input(service, ann, 5, 12);
  clock.now = START_DELAY_MS + 5 * MS_PER_TICK + DEADLINE_MS;
  service.sweep();
  for (const member of [ann, dan]) {
    assert.deepEqual(member.all('Frames').at(-1)!.ticks, [{ lagging: 0b10, inputs: [12, 9], clientTimes: [0, 0] }], 'now waited for: the deadline repeats his input');
    assert.deepEqual(member.last('SeatLagging'), { type: 'SeatLagging', seat: 1, lagging: true });
  }
});
