// Q16.16 fixed-point math (assembly/math/fixed.ts, assembly/math/trig.ts) checked through the
// exported wasm ABI against exact BigInt rationals and f64 references, with explicit error bounds.
// Needs build/tessera.wasm: `npx asc assembly/index.ts --target release` (or `npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';

const { exports: fx } = await loadSimNode();

const ONE = 65536;
const ULP = 1 / ONE;
const MAX = 2147483647;
const MIN = -2147483648;
const PI = 205887; // round(π · 2^16)
const HALF_PI = 102944; // round(π/2 · 2^16)
// Error bounds documented at the top of assembly/math/trig.ts.
const SIN_COS_MAX_ERR = 0.52 * ULP;
const ATAN2_MAX_ERR = 0.51 * ULP;

/** Seeded xorshift32: the same inputs on every run and host. */
function prng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s | 0;
  };
}

/** Random i32 with a random magnitude (2^0 .. 2^31) and sign, so every scale gets exercised. */
function varied(next: () => number): number {
  const shift = next() & 31;
  return next() >> shift;
}

const isqrt64 = (v: bigint): bigint => BigInt.asUintN(64, fx.fxIsqrt64(v));

/**
 * Checks r (raw Q16.16) against the exact rational n/d (raw units): saturated when outside the i32
 * range, otherwise |r − n/d| ≤ 1/2 raw ulp (= 2^-17 in value).
 */
function assertHalfUlp(r: number, n: bigint, d: bigint, what: string): void {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const R = BigInt(r);
  if (n > BigInt(MAX) * d) {
    assert.equal(r, MAX, `${what}: exact ${n}/${d} above range must saturate to MAX`);
  } else if (n < BigInt(MIN) * d) {
    assert.equal(r, MIN, `${what}: exact ${n}/${d} below range must saturate to MIN`);
  } else {
    const err2 = 2n * (R * d - n);
    assert.ok(err2 <= d && -err2 <= d, `${what}: got ${r}, exact ${n}/${d} (more than 0.5 ulp away)`);
  }
}

/** Round-to-nearest with ties away from zero of n/d, then saturate (the div/mulDiv rule). */
function roundAwaySat(n: bigint, d: bigint): number {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an + ad / 2n) / ad;
  const v = neg ? -q : q;
  return v > BigInt(MAX) ? MAX : v < BigInt(MIN) ? MIN : Number(v);
}

test('mul: within 0.5 ulp of the exact product, saturating, over random and edge operands', () => {
  const next = prng(0x5eed01);
  const edges = [0, 1, -1, 32768, -32768, ONE, -ONE, MAX, MIN, MAX - 1, MIN + 1, 3 * ONE + 7, -(5 * ONE) - 3];
  const pairs: Array<[number, number]> = [];
  for (const a of edges) for (const b of edges) pairs.push([a, b]);
  for (let i = 0; i < 40000; i++) pairs.push([varied(next), varied(next)]);
  let saturated = 0;
  for (const [a, b] of pairs) {
    const r = fx.fxMul(a, b);
    assertHalfUlp(r, BigInt(a) * BigInt(b), BigInt(ONE), `mul(${a}, ${b})`);
    // Documented tie rule: round half up (toward +∞), then saturate.
    const exact = (BigInt(a) * BigInt(b) + 32768n) >> 16n;
    assert.equal(r, exact > BigInt(MAX) ? MAX : exact < BigInt(MIN) ? MIN : Number(exact), `mul(${a}, ${b}) tie rule`);
    if (r === MAX || r === MIN) saturated++;
  }
  assert.ok(saturated > 100, 'the random set must reach saturation');
});

test('mul: ties round half up, saturation at ±32767.99', () => {
  assert.equal(fx.fxMul(1, 32768), 1); // +0.5 ulp → 1
  assert.equal(fx.fxMul(-1, 32768), 0); // −0.5 ulp → 0
  assert.equal(fx.fxMul(3, 32768), 2); // +1.5 → 2
  assert.equal(fx.fxMul(-3, 32768), -1); // −1.5 → −1
  assert.equal(fx.fxMul(3 * ONE, -ONE / 2), -3 * ONE / 2);
  assert.equal(fx.fxMul(200 * ONE, 200 * ONE), MAX);
  assert.equal(fx.fxMul(-200 * ONE, 200 * ONE), MIN);
  assert.equal(fx.fxMul(-200 * ONE, -200 * ONE), MAX);
  assert.equal(fx.fxMul(MAX, ONE), MAX);
  assert.equal(fx.fxMul(MIN, ONE), MIN);
  assert.equal(fx.fxMul(MIN, -ONE), MAX); // +32768.0 is not representable
  assert.equal(fx.fxMul(MAX, MAX), MAX);
  assert.equal(fx.fxMul(MIN, MAX), MIN);
});

test('div: within 0.5 ulp of the exact quotient, ties away from zero, saturating', () => {
  const next = prng(0x5eed02);
  const edges = [1, -1, 2, -2, 3, 32768, -32768, ONE, -ONE, 2 * ONE, MAX, MIN, 7 * ONE + 11, -(3 * ONE) - 1];
  const pairs: Array<[number, number]> = [];
  for (const a of [0, ...edges]) for (const b of edges) pairs.push([a, b]);
  for (let i = 0; i < 40000; i++) {
    const b = varied(next);
    pairs.push([varied(next), b === 0 ? 1 : b]);
  }
  let saturated = 0;
  for (const [a, b] of pairs) {
    const r = fx.fxDiv(a, b);
    const n = BigInt(a) * BigInt(ONE);
    assertHalfUlp(r, n, BigInt(b), `div(${a}, ${b})`);
    assert.equal(r, roundAwaySat(n, BigInt(b)), `div(${a}, ${b}) tie rule`);
    if (r === MAX || r === MIN) saturated++;
  }
  assert.ok(saturated > 100, 'the random set must reach saturation');
  // Exact ties: ±0.5 and ±1.5 ulp round away from zero.
  assert.equal(fx.fxDiv(1, 2 * ONE), 1);
  assert.equal(fx.fxDiv(-1, 2 * ONE), -1);
  assert.equal(fx.fxDiv(1, -2 * ONE), -1);
  assert.equal(fx.fxDiv(3, 2 * ONE), 2);
  assert.equal(fx.fxDiv(-3, 2 * ONE), -2);
  assert.equal(fx.fxDiv(-3, -2 * ONE), 2);
  assert.equal(fx.fxDiv(ONE, 3 * ONE), 21845); // 0.33333 → 21845.33
  assert.equal(fx.fxDiv(2 * ONE, 3 * ONE), 43691); // 43690.67
  assert.equal(fx.fxDiv(-2 * ONE, 3 * ONE), -43691);
  assert.equal(fx.fxDiv(MIN, -ONE), MAX);
  assert.equal(fx.fxDiv(MIN, -1), MAX);
  assert.equal(fx.fxDiv(MAX, 1), MAX);
  assert.equal(fx.fxDiv(MIN, 1), MIN);
});

test('div: division by zero saturates toward the sign of the dividend and never traps', () => {
  assert.equal(fx.fxDiv(ONE, 0), MAX);
  assert.equal(fx.fxDiv(1, 0), MAX);
  assert.equal(fx.fxDiv(MAX, 0), MAX);
  assert.equal(fx.fxDiv(-1, 0), MIN);
  assert.equal(fx.fxDiv(MIN, 0), MIN);
  assert.equal(fx.fxDiv(0, 0), MAX);
});

test('mulDiv: within 0.5 ulp of the exact a·b/c, ties away from zero, saturating, c = 0 safe', () => {
  const next = prng(0x5eed03);
  let saturated = 0;
  for (let i = 0; i < 40000; i++) {
    const a = varied(next);
    const b = varied(next);
    let c = varied(next);
    if (c === 0) c = -7;
    const r = fx.fxMulDiv(a, b, c);
    const n = BigInt(a) * BigInt(b);
    assertHalfUlp(r, n, BigInt(c), `mulDiv(${a}, ${b}, ${c})`);
    assert.equal(r, roundAwaySat(n, BigInt(c)), `mulDiv(${a}, ${b}, ${c}) tie rule`);
    if (r === MAX || r === MIN) saturated++;
  }
  assert.ok(saturated > 100, 'the random set must reach saturation');
  // Full 64-bit intermediate: MAX·MAX/MAX is exact, no overflow on the way.
  assert.equal(fx.fxMulDiv(MAX, MAX, MAX), MAX);
  assert.equal(fx.fxMulDiv(MIN, MIN, MIN), MIN);
  assert.equal(fx.fxMulDiv(MIN, MAX, MAX), MIN);
  assert.equal(fx.fxMulDiv(MIN, MIN, -MIN - 1), MAX);
  assert.equal(fx.fxMulDiv(MIN, -1, 1), MAX);
  // Ties: 1·1/2 = 0.5 → 1, −0.5 → −1, 3/2 → 2.
  assert.equal(fx.fxMulDiv(1, 1, 2), 1);
  assert.equal(fx.fxMulDiv(-1, 1, 2), -1);
  assert.equal(fx.fxMulDiv(1, 1, -2), -1);
  assert.equal(fx.fxMulDiv(3, 1, 2), 2);
  assert.equal(fx.fxMulDiv(-3, 1, -2), 2);
  assert.equal(fx.fxMulDiv(5, 1, 3), 2); // 1.67
  assert.equal(fx.fxMulDiv(4, 1, 3), 1); // 1.33
  // c = 0: saturate toward the sign of a·b (zero counts as positive), no trap.
  assert.equal(fx.fxMulDiv(3, 5, 0), MAX);
  assert.equal(fx.fxMulDiv(-3, -5, 0), MAX);
  assert.equal(fx.fxMulDiv(-3, 5, 0), MIN);
  assert.equal(fx.fxMulDiv(3, -5, 0), MIN);
  assert.equal(fx.fxMulDiv(0, -5, 0), MAX);
  assert.equal(fx.fxMulDiv(-5, 0, 0), MAX);
});

test('fromInt / toIntFloor / toIntRound: saturation, floor and round-half-up', () => {
  assert.equal(fx.fxFromInt(0), 0);
  assert.equal(fx.fxFromInt(1), ONE);
  assert.equal(fx.fxFromInt(-1), -ONE);
  assert.equal(fx.fxFromInt(32767), 32767 * ONE);
  assert.equal(fx.fxFromInt(-32768), MIN);
  assert.equal(fx.fxFromInt(32768), MAX);
  assert.equal(fx.fxFromInt(40000), MAX);
  assert.equal(fx.fxFromInt(-32769), MIN);
  assert.equal(fx.fxFromInt(MAX), MAX);
  assert.equal(fx.fxFromInt(MIN), MIN);
  assert.equal(fx.fxToIntFloor(-1), -1);
  assert.equal(fx.fxToIntFloor(-ONE), -1);
  assert.equal(fx.fxToIntFloor(-ONE - 1), -2);
  assert.equal(fx.fxToIntFloor(ONE - 1), 0);
  assert.equal(fx.fxToIntFloor(MAX), 32767);
  assert.equal(fx.fxToIntFloor(MIN), -32768);
  assert.equal(fx.fxToIntRound(32768), 1);
  assert.equal(fx.fxToIntRound(32767), 0);
  assert.equal(fx.fxToIntRound(-32768), 0);
  assert.equal(fx.fxToIntRound(-32769), -1);
  assert.equal(fx.fxToIntRound(MAX), 32768); // computed in i64: no wrap
  assert.equal(fx.fxToIntRound(MIN), -32768);
  const next = prng(0x5eed04);
  for (let i = 0; i < 20000; i++) {
    const a = next();
    assert.equal(fx.fxToIntFloor(a), Math.floor(a / ONE), `toIntFloor(${a})`);
    assert.equal(fx.fxToIntRound(a), Math.floor((a + 32768) / ONE), `toIntRound(${a})`);
    const n = varied(next);
    const want = Math.min(MAX, Math.max(MIN, n * ONE));
    assert.equal(fx.fxFromInt(n), want, `fromInt(${n})`);
  }
});

test('isqrt64: exact floor r² ≤ v < (r+1)² over the whole u64 range', () => {
  const U64_MAX = (1n << 64n) - 1n;
  const values: bigint[] = [0n, 1n, 2n, 3n, 4n, 5n, 8n, 9n, 15n, 16n, 17n, U64_MAX, U64_MAX - 1n];
  const top = (1n << 32n) - 1n; // floor(sqrt(2^64 - 1))
  values.push(top * top, top * top - 1n, top * top + 1n, 1n << 62n, (1n << 62n) - 1n, 1n << 63n, (1n << 63n) - 1n, (1n << 63n) + 1n);
  const next = prng(0x5eed05);
  const u32 = (): bigint => BigInt(next() >>> 0);
  for (let i = 0; i < 6000; i++) {
    const v = ((u32() << 32n) | u32()) >> BigInt(next() & 63);
    values.push(v);
    const k = u32() >> BigInt(next() & 31); // perfect squares and their neighbours
    values.push(k * k, k * k + 2n * k, k * k + 2n * k + 1n);
    if (k > 0n) values.push(k * k - 1n);
  }
  for (const v of values) {
    const r = isqrt64(v);
    assert.ok(r * r <= v && (r + 1n) * (r + 1n) > v, `isqrt64(${v}) = ${r}`);
  }
  assert.equal(isqrt64(U64_MAX), top);
  assert.equal(isqrt64(top * top), top);
  assert.equal(isqrt64(top * top - 1n), top - 1n);
});

test('sqrt: floor of the exact Q16.16 root, negative gives 0', () => {
  assert.equal(fx.fxSqrt(0), 0);
  assert.equal(fx.fxSqrt(-ONE), 0);
  assert.equal(fx.fxSqrt(MIN), 0);
  assert.equal(fx.fxSqrt(ONE), ONE);
  assert.equal(fx.fxSqrt(4 * ONE), 2 * ONE);
  assert.equal(fx.fxSqrt(ONE / 4), ONE / 2);
  assert.equal(fx.fxSqrt(1), 256); // sqrt(2^-16) = 2^-8
  assert.equal(fx.fxSqrt(2 * ONE), 92681); // floor(√2 · 2^16)
  const next = prng(0x5eed06);
  const inputs = [MAX, MAX - 1, 1, 2, 3];
  for (let i = 0; i < 20000; i++) inputs.push(varied(next) & MAX);
  for (const a of inputs) {
    const r = fx.fxSqrt(a);
    const v = BigInt(a) << 16n;
    const R = BigInt(r);
    assert.ok(R * R <= v && (R + 1n) * (R + 1n) > v, `sqrt(${a}) = ${r} is not the floor`);
    const err = r / ONE - Math.sqrt(a / ONE);
    assert.ok(err <= 0 && err > -ULP, `sqrt(${a}) f64 error ${err}`);
  }
});

test('length: floor of the exact Euclidean length, saturating at MAX for huge vectors', () => {
  assert.equal(fx.fxLength(0, 0), 0);
  assert.equal(fx.fxLength(3, 4), 5);
  assert.equal(fx.fxLength(-3 * ONE, 4 * ONE), 5 * ONE);
  assert.equal(fx.fxLength(MAX, 0), MAX);
  assert.equal(fx.fxLength(0, -MAX), MAX);
  assert.equal(fx.fxLength(MIN, 0), MAX); // 2^31 does not fit: saturates
  assert.equal(fx.fxLength(MIN, MIN), MAX); // 2^31·√2
  assert.equal(fx.fxLength(MAX, MAX), MAX);
  assert.equal(fx.fxLength(1518500249, 1518500249), 2147483646); // just below the limit: exact
  const next = prng(0x5eed07);
  for (let i = 0; i < 20000; i++) {
    const x = varied(next);
    const y = varied(next);
    const r = fx.fxLength(x, y);
    const s = BigInt(x) * BigInt(x) + BigInt(y) * BigInt(y);
    if (s >= BigInt(MAX) * BigInt(MAX)) {
      const R = BigInt(r);
      assert.ok(r === MAX || (R * R <= s && (R + 1n) * (R + 1n) > s), `length(${x}, ${y}) = ${r}`);
      if (s >= (BigInt(MAX) + 1n) ** 2n) assert.equal(r, MAX, `length(${x}, ${y}) must saturate`);
    } else {
      const R = BigInt(r);
      assert.ok(R >= 0n && R * R <= s && (R + 1n) * (R + 1n) > s, `length(${x}, ${y}) = ${r}`);
    }
  }
});

/** Max |fxSin − sin| and |fxCos − cos| (in value units) over the given raw angles. */
function sinCosSweep(angles: Iterable<number>): { sin: number; cos: number; outOfRange: number } {
  let sinErr = 0;
  let cosErr = 0;
  let outOfRange = 0;
  for (const a of angles) {
    const s = fx.fxSin(a);
    const c = fx.fxCos(a);
    const x = a / ONE;
    sinErr = Math.max(sinErr, Math.abs(s / ONE - Math.sin(x)));
    cosErr = Math.max(cosErr, Math.abs(c / ONE - Math.cos(x)));
    if (s < -ONE || s > ONE || c < -ONE || c > ONE) outOfRange++;
  }
  return { sin: sinErr, cos: cosErr, outOfRange };
}

function* range(from: number, to: number, step = 1): Generator<number> {
  for (let a = from; a <= to; a += step) yield a;
}

test('sin/cos: every angle in [-2π, 2π] within the documented bound', () => {
  const r = sinCosSweep(range(-2 * 411775, 2 * 411775));
  assert.ok(r.sin <= SIN_COS_MAX_ERR, `sin max error ${r.sin * ONE} ulp`);
  assert.ok(r.cos <= SIN_COS_MAX_ERR, `cos max error ${r.cos * ONE} ulp`);
  assert.equal(r.outOfRange, 0);
});

test('sin/cos: large angles (±30000 rad, full i32 range) keep the bound: reduction is precise', () => {
  const angles: number[] = [MAX, MIN, MAX - 1, MIN + 1];
  for (const center of [30000 * ONE, -30000 * ONE, 32767 * ONE, -32768 * ONE + 40000, 12345 * ONE]) {
    for (let d = -40000; d <= 40000; d++) angles.push(center + d);
  }
  for (let a = MIN; a <= MAX - 4099; a += 4099) angles.push(a);
  const r = sinCosSweep(angles);
  assert.ok(r.sin <= SIN_COS_MAX_ERR, `sin max error ${r.sin * ONE} ulp`);
  assert.ok(r.cos <= SIN_COS_MAX_ERR, `cos max error ${r.cos * ONE} ulp`);
  assert.equal(r.outOfRange, 0);
});

test('sin/cos: exact values and symmetry (sin odd, cos even, exactly)', () => {
  assert.equal(fx.fxSin(0), 0);
  assert.equal(fx.fxCos(0), ONE);
  assert.equal(fx.fxSin(HALF_PI), ONE);
  assert.equal(fx.fxSin(-HALF_PI), -ONE);
  assert.equal(fx.fxCos(PI), -ONE);
  assert.equal(fx.fxCos(-PI), -ONE);
  assert.equal(fx.fxSin(PI), 0); // sin(π − 0.42·2^-16) ≈ 6e-6 rounds to 0
  assert.ok(Math.abs(fx.fxCos(HALF_PI)) <= 1);
  const next = prng(0x5eed08);
  for (let i = 0; i < 50000; i++) {
    let a = varied(next);
    if (a === MIN) a = 0;
    assert.equal(fx.fxSin(-a), -fx.fxSin(a) | 0, `sin(${-a}) != -sin(${a})`); // `| 0`: no -0
    assert.equal(fx.fxCos(-a), fx.fxCos(a), `cos(${-a}) != cos(${a})`);
  }
});

test('sin² + cos² ≈ 1 within the bound implied by the per-function error', () => {
  // |s² + c² − 1| ≤ 2e(|sin| + |cos|) + 2e² ≤ 2√2·e + 2e² (e = SIN_COS_MAX_ERR).
  const e = SIN_COS_MAX_ERR;
  const bound = 2 * Math.SQRT2 * e + 2 * e * e;
  const next = prng(0x5eed09);
  let worst = 0;
  for (let i = 0; i < 100000; i++) {
    const a = next();
    const s = fx.fxSin(a) / ONE;
    const c = fx.fxCos(a) / ONE;
    worst = Math.max(worst, Math.abs(s * s + c * c - 1));
  }
  assert.ok(worst <= bound, `|sin² + cos² − 1| reached ${worst} > ${bound}`);
});

/** Max |fxAtan2 − atan2| over the given pairs, asserting the (-π, π] range along the way. */
function atan2Sweep(pairs: Iterable<[number, number]>): number {
  let worst = 0;
  for (const [y, x] of pairs) {
    const r = fx.fxAtan2(y, x);
    assert.ok(r >= -PI && r <= PI, `atan2(${y}, ${x}) = ${r} outside (-π, π]`);
    const ref = y === 0 && x === 0 ? 0 : Math.atan2(y, x);
    worst = Math.max(worst, Math.abs(r / ONE - ref));
  }
  return worst;
}

test('atan2: dense grid around the origin (all quadrants and axes) within the bound', () => {
  function* grid(): Generator<[number, number]> {
    for (let y = -300; y <= 300; y++) for (let x = -300; x <= 300; x++) yield [y, x];
  }
  const worst = atan2Sweep(grid());
  assert.ok(worst <= ATAN2_MAX_ERR, `atan2 max error ${worst * ONE} ulp`);
});

test('atan2: full circle at large radius, random mixed magnitudes, extremes', () => {
  const pairs: Array<[number, number]> = [];
  const steps = 400000;
  for (let i = 0; i < steps; i++) {
    const th = -Math.PI + (2 * Math.PI * i) / steps;
    // `| 0` also turns a -0 from Math.round into +0 (the wasm sees an integer, not a signed zero).
    pairs.push([Math.round(2e9 * Math.sin(th)) | 0, Math.round(2e9 * Math.cos(th)) | 0]);
  }
  const next = prng(0x5eed0a);
  for (let i = 0; i < 200000; i++) pairs.push([varied(next), varied(next)]);
  const ext = [MIN, MIN + 1, -1, 0, 1, MAX - 1, MAX];
  for (const y of ext) for (const x of ext) pairs.push([y, x]);
  const worst = atan2Sweep(pairs);
  assert.ok(worst <= ATAN2_MAX_ERR, `atan2 max error ${worst * ONE} ulp`);
});

test('atan2: axes, origin and exact odd symmetry', () => {
  assert.equal(fx.fxAtan2(0, 0), 0);
  for (const m of [1, 5, ONE, MAX, MIN]) {
    const p = m === MIN ? MAX : Math.abs(m);
    assert.equal(fx.fxAtan2(0, p), 0, `atan2(0, ${p})`);
    assert.equal(fx.fxAtan2(0, -p), PI, `atan2(0, ${-p})`);
    assert.equal(fx.fxAtan2(p, 0), HALF_PI, `atan2(${p}, 0)`);
    assert.equal(fx.fxAtan2(-p, 0), -HALF_PI, `atan2(${-p}, 0)`);
  }
  assert.equal(fx.fxAtan2(0, MIN), PI);
  assert.equal(fx.fxAtan2(MIN, 0), -HALF_PI);
  assert.equal(fx.fxAtan2(ONE, ONE), 51472); // round(π/4 · 2^16)
  assert.equal(fx.fxAtan2(-ONE, -ONE), -154416); // round(-3π/4 · 2^16)
  assert.equal(fx.fxAtan2(MIN, MIN), -154416);
  const next = prng(0x5eed0b);
  for (let i = 0; i < 50000; i++) {
    const x = varied(next);
    let y = varied(next);
    if (y === 0 || y === MIN) y = 1;
    assert.equal(fx.fxAtan2(-y, x), -fx.fxAtan2(y, x) | 0, `atan2(${-y}, ${x}) != -atan2(${y}, ${x})`);
  }
});
