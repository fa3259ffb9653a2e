// Room codes people read aloud and type: 6 characters from an alphabet without the look-alikes
// (0/O, 1/I/L), drawn with a cryptographic RNG so codes of open rooms cannot be guessed from others.
// 31^6 ≈ 887 million codes; the registry redraws on the rare collision.

import { randomInt } from 'node:crypto';

export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;

export function randomRoomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

/** Codes are case-insensitive: what a player typed, in the form the registry keys rooms by. */
export function normalizeRoomCode(typed: string): string {
  return typed.toUpperCase();
}
