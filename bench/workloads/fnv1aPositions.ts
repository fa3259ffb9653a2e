import { quantizeQ16 } from './quantizeQ16.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1aInt32(hash: number, value: number): number {
  // The four bytes of the int32, little-endian.
  hash = Math.imul(hash ^ (value & 0xff), FNV_PRIME);
  hash = Math.imul(hash ^ ((value >>> 8) & 0xff), FNV_PRIME);
  hash = Math.imul(hash ^ ((value >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(hash ^ (value >>> 24), FNV_PRIME);
}

/**
 * ARENA.md checksum: 32-bit FNV-1a over x then y of every body in creation order, each quantized to
 * Q16.16 and fed as 4 little-endian bytes. Returns the hash as an unsigned 32-bit number.
 */
export function fnv1aPositions(x: ArrayLike<number>, y: ArrayLike<number>, count: number = x.length): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < count; i++) {
    hash = fnv1aInt32(hash, quantizeQ16(x[i]!));
    hash = fnv1aInt32(hash, quantizeQ16(y[i]!));
  }
  return hash >>> 0;
}

