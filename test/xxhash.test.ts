// stateHash() is xxHash32 (seed 0) of exactly the state arena. A JS xxHash32 written from the spec
// (test/support/xxhash32.ts) is first checked against the xxHash repository's own sanity vectors
// (cli/xsum_sanity_check.c), then used as the reference for the sim's hash on many states.
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xxhash32 } from './support/xxhash32.ts';
import {
  loadSim, arenaView, stateHash, hex, q, xorshift32, below, Component, Field, packInput, type SimExports,
} from './support/simTest.ts';

const PRIME32 = 2654435761;
const PRIME64 = 11400714785074694797n;

/** XSUM_fillTestBuffer: byte i = top byte of PRIME32 · PRIME64^i (mod 2^64). */
function sanityBuffer(len: number): Uint8Array {
  const out = new Uint8Array(len);
  let gen = BigInt(PRIME32);
  for (let i = 0; i < len; i++) {
    out[i] = Number(gen >> 56n);
    gen = (gen * PRIME64) & 0xffffffffffffffffn;
  }
  return out;
}

// {len, seed, result} from XSUM_XXH32_testdata in xxHash's cli/xsum_sanity_check.c.
const VECTORS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0x02cc5d05],
  [0, PRIME32, 0x36b78ae7],
  [1, 0, 0xcf65b03e],
  [1, PRIME32, 0xb4545aa4],
  [14, 0, 0x1208e7e2],
  [14, PRIME32, 0x6af1d1fe],
  [222, 0, 0x5bd11dbd],
  [222, PRIME32, 0x58803c5f],
];

test('JS xxHash32 matches the xxHash sanity-check vectors', () => {
  const buf = sanityBuffer(222);
  for (const [len, seed, expected] of VECTORS) {
    const got = xxhash32(buf.subarray(0, len), seed);
    assert.equal(hex(got), hex(expected), `XXH32(sanityBuffer[0..${len}), seed ${seed})`);
  }
  // A string vector on top: XXH32("abc", 0).
  assert.equal(hex(xxhash32(new TextEncoder().encode('abc'), 0)), hex(0x32d153ff));
});

const sim = await loadSim();
const e = sim.exports;

function assertHashMatchesArena(what: string): void {
  const bytes = arenaView(e);
  assert.equal(bytes.length % 16, 0, `${what}: arena length ${bytes.length} is a multiple of 16`);
  assert.equal(hex(stateHash(e)), hex(xxhash32(bytes, 0)), `${what}: stateHash() vs JS xxHash32 of ${bytes.length} arena bytes`);
}

function spawnBodies(ex: SimExports, n: number, seed: number): void {
  const next = xorshift32(seed);
  for (let i = 0; i < n; i++) {
    const h = ex.spawn(Component.Position | Component.Velocity | Component.Circle);
    ex.setField(h, Field.PosX, q(2 + below(next, 60)));
    ex.setField(h, Field.PosY, q(2 + below(next, 60)));
    ex.setField(h, Field.VelX, below(next, 20000) - 10000);
    ex.setField(h, Field.VelY, below(next, 20000) - 10000);
    ex.setField(h, Field.Radius, q(0.5));
    ex.setField(h, Field.InvMass, q(1));
    ex.setField(h, Field.Restitution, q(1));
  }
}

test('stateHash() equals JS xxHash32 (seed 0) of the arena bytes over engine worlds', () => {
  for (const cap of [1, 3, 64, 1000]) {
    e.worldCreate(cap, 2, q(1), 0, 0, q(64), q(64), q(0.4));
    assertHashMatchesArena(`empty world, capacity ${cap}`);
    spawnBodies(e, Math.min(cap, 200), cap);
    assertHashMatchesArena(`world of ${cap} after spawning`);
    for (let t = 0; t < 20; t++) e.physicsTick();
    assertHashMatchesArena(`world of ${cap} after 20 physics ticks`);
  }
});

test('stateHash() equals JS xxHash32 over demo-match states, and tracks every change', () => {
  sim.start({ seed: 99, players: 6, botMask: 0b111110, matchTicks: 600, orbs: 40 });
  assertHashMatchesArena('fresh match');
  const next = xorshift32(5);
  const seen = new Set<number>([stateHash(e)]);
  for (let t = 1; t <= 400; t++) {
    sim.stepWith([packInput(below(next, 2), below(next, 255) - 127, below(next, 255) - 127)]);
    if (t % 50 === 0) assertHashMatchesArena(`match tick ${t}`);
    seen.add(stateHash(e));
  }
  assert.equal(seen.size, 401, 'every tick of a live match has its own state hash');
});

test('stateHash() equals JS xxHash32 on arbitrary arena contents', () => {
  e.worldCreate(100, 0, q(1), 0, 0, q(64), q(64), q(0.4));
  const view = arenaView(e);
  view.set(sanityBuffer(view.length));
  assertHashMatchesArena('arena filled with the xxHash sanity buffer');
  const next = xorshift32(77);
  for (let i = 0; i < view.length; i++) view[i] = next() & 0xff;
  assertHashMatchesArena('arena filled with pseudo-random bytes');
  view.fill(0xff);
  assertHashMatchesArena('arena of 0xff bytes');
});

test('stateHash() covers exactly the arena: any arena byte changes it, the bytes just outside do not', () => {
  e.worldCreate(50, 0, q(1), 0, 0, q(64), q(64), q(0.4));
  spawnBodies(e, 50, 3);
  const n = e.stateArenaBytes();
  const base = e.stateArenaPtr();
  const mem = new Uint8Array(e.memory.buffer);
  const h0 = stateHash(e);
  const next = xorshift32(11);
  const offsets = [0, 1, 15, 16, n - 17, n - 16, n - 1];
  for (let k = 0; k < 40; k++) offsets.push(below(next, n));
  for (const off of offsets) {
    const old = mem[base + off]!;
    mem[base + off] = old ^ 0x01;
    assert.notEqual(stateHash(e), h0, `flipping arena byte ${off} of ${n} must change the hash`);
    mem[base + off] = old;
    assert.equal(stateHash(e), h0);
  }
  // The byte right after the arena is the render region (render-only fields): not hashed.
  const after = base + n;
  const old = mem[after]!;
  mem[after] = old ^ 0xff;
  assert.equal(stateHash(e), h0, 'the first byte after the arena is outside the hash');
  mem[after] = old;
  // Nor is the byte right before it.
  if (base > 0) {
    const before = base - 1;
    const b = mem[before]!;
    mem[before] = b ^ 0xff;
    assert.equal(stateHash(e), h0, 'the byte before the arena is outside the hash');
    mem[before] = b;
  }
});
