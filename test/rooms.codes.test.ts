// Room codes: short, unambiguous, case-insensitive, random, and unique among open rooms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Room } from '../relay/rooms/Room.ts';
import { RoomRegistry } from '../relay/rooms/RoomRegistry.ts';
import { ROOM_CODE_ALPHABET, randomRoomCode } from '../relay/rooms/roomCode.ts';
import { RelayStats } from '../relay/stats.ts';
import { testRoomOptions } from './support/roomFakes.ts';

test('codes are 6 characters without look-alikes, and do not repeat', () => {
  assert.doesNotMatch(ROOM_CODE_ALPHABET, /[01ILO]/);
  const codes = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const code = randomRoomCode();
    assert.match(code, new RegExp(`^[${ROOM_CODE_ALPHABET}]{6}$`));
    codes.add(code);
  }
  assert.ok(codes.size > 1990, `2000 draws from 887 million codes gave only ${codes.size} distinct`);
});

test('the registry redraws a code an open room holds, and finds rooms however the code is cased', () => {
  const draws = ['ABC234', 'ABC234', 'XYZ789'];
  const registry = new RoomRegistry(() => draws.shift()!);
  const room = (code: string) => new Room({ code, simBuild: 'b', maxPlayers: 2, autoStart: false, settings: { seed: 1, matchTicks: 0, orbs: 0 } }, testRoomOptions, new RelayStats());
  const first = room(registry.freeCode());
  registry.add(first);
  const second = room(registry.freeCode());
  registry.add(second);
  assert.equal(second.code, 'XYZ789', 'ABC234 is taken: drawn again');
  assert.equal(registry.find('abc234'), first);
  assert.equal(registry.find('xYz789'), second);
  registry.delete(first);
  assert.equal(registry.find('ABC234'), undefined);
});
