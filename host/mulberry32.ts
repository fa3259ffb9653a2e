// mulberry32: the small integer PRNG every JS side of Tessera uses (the sim has its own copy in
// assembly/math/random.ts, with its state in the arena). Math.imul keeps it integer-exact, so a
// seed gives the same sequence in every engine.

/** uint32 outputs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Floats uint32 / 2^32 in [0, 1), as the shared benchmark workloads specify. */
export function mulberry32Float(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
