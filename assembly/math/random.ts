// Seeded integer PRNG (mulberry32) whose state is a header word of the state arena, so it is
// snapshotted, restored and hashed with everything else.

import { H, header, setHeader } from "../ecs/world";

export function seedRandom(seed: u32): void {
  setHeader(H.Rng, <i32>seed);
}

export function nextU32(): u32 {
  let a = <u32>header(H.Rng) + 0x6D2B79F5;
  setHeader(H.Rng, <i32>a);
  let t = a;
  t = (t ^ (t >> 15)) * (t | 1);
  t ^= t + (t ^ (t >> 7)) * (t | 61);
  return t ^ (t >> 14);
}

/** Uniform integer in [0, n) for n > 0 (multiply-shift, no modulo bias worth noting). */
export function nextBelow(n: i32): i32 {
  return <i32>((<u64>nextU32() * <u64>n) >> 32);
}

/** Uniform integer in [lo, hi). */
export function nextRange(lo: i32, hi: i32): i32 {
  return lo + nextBelow(hi - lo);
}
