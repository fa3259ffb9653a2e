// Quick match: players of one sim build and room size fill the open lobby, the match starts when it
// is full, and the next player opens a new lobby. Rooms made with CreateRoom are not matched into.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomPhase } from '../protocol/generated/tessera.ts';
import { FakeMember, roomServiceForTest } from './support/roomFakes.ts';

test('quick-matchers fill one lobby, it starts when full, and the next one gets a new room', () => {
  const { service } = roomServiceForTest();
  const players = ['p1', 'p2', 'p3', 'p4'].map((id) => new FakeMember(id));
  for (const player of players.slice(0, 3)) service.handle(player, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 3 });
  const joined = players.slice(0, 3).map((player) => player.all('RoomJoined')[0]!);
  assert.deepEqual(joined.map((message) => message.seat), [0, 1, 2]);
  assert.equal(new Set(joined.map((message) => message.code)).size, 1, 'one room');
  assert.equal(joined[0]!.owner, 'p1');
  for (const player of players.slice(0, 3)) assert.equal(player.last('MatchStarted').seats, 3);

  service.handle(players[3]!, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 3 });
  const fourth = players[3]!.last('RoomJoined');
  assert.notEqual(fourth.code, joined[0]!.code, 'the full room is running: a new lobby');
  assert.equal(fourth.phase, RoomPhase.lobby);
  assert.equal(service.roomCount, 2);
});

test('only the same build and size are matched, and never into a room made with CreateRoom', () => {
  const { service } = roomServiceForTest();
  const [host, a, b, c] = ['host', 'a', 'b', 'c'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember, FakeMember];
  service.handle(host, { type: 'CreateRoom', simBuild: 'b1', maxPlayers: 2, autoStart: true, settings: { seed: 1, matchTicks: 0, orbs: 0 } });
  service.handle(a, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 2 });
  service.handle(b, { type: 'QuickMatch', simBuild: 'b2', maxPlayers: 2 });
  service.handle(c, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 3 });
  const codes = [host, a, b, c].map((member) => member.last('RoomJoined').code);
  assert.equal(new Set(codes).size, 4, `four rooms: ${codes}`);
});

test('a lobby started early by its owner takes no more quick-matchers; a closed one neither', () => {
  const { service } = roomServiceForTest();
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => new FakeMember(id)) as [FakeMember, FakeMember, FakeMember, FakeMember];
  service.handle(a, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 4 });
  service.handle(b, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 4 });
  service.handle(b, { type: 'SetReady', ready: true });
  service.handle(a, { type: 'StartMatch' });
  service.handle(c, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 4 });
  assert.notEqual(c.last('RoomJoined').code, a.all('RoomJoined')[0]!.code);

  service.disconnect(c);
  service.handle(d, { type: 'QuickMatch', simBuild: 'b1', maxPlayers: 4 });
  const fresh = d.last('RoomJoined');
  assert.notEqual(fresh.code, c.last('RoomJoined').code, 'c\'s lobby closed when c left; d opens another');
  assert.equal(service.roomCount, 2);
});
