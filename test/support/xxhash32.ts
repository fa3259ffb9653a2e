// xxHash32, written from Yann Collet's specification (doc/xxhash_spec.md in the xxHash
// repository): four lanes over 16-byte stripes, then 4-byte words, then single bytes, then the
// avalanche. Independent of assembly/state/xxhash32.ts so the test can check the sim against it.

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

function mul(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

function round(acc: number, lane: number): number {
  return mul(rotl((acc + mul(lane, P2)) >>> 0, 13), P1);
}

function word(b: Uint8Array, i: number): number {
  return ((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

/** xxHash32 of `input` with `seed`, as an unsigned 32-bit number. */
export function xxhash32(input: Uint8Array, seed = 0): number {
  const len = input.length;
  seed >>>= 0;
  let p = 0;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + P1 + P2) >>> 0;
    let v2 = (seed + P2) >>> 0;
    let v3 = seed;
    let v4 = (seed - P1) >>> 0;
    const limit = len - 16;
    do {
      v1 = round(v1, word(input, p));
      v2 = round(v2, word(input, p + 4));
      v3 = round(v3, word(input, p + 8));
      v4 = round(v4, word(input, p + 12));
      p += 16;
    } while (p <= limit);
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else {
    h = (seed + P5) >>> 0;
  }
  h = (h + len) >>> 0;
  while (p + 4 <= len) {
    h = mul(rotl((h + mul(word(input, p), P3)) >>> 0, 17), P4);
    p += 4;
  }
  while (p < len) {
    h = mul(rotl((h + mul(input[p]!, P5)) >>> 0, 11), P1);
    p++;
  }
  h ^= h >>> 15;
  h = mul(h, P2);
  h ^= h >>> 13;
  h = mul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}
