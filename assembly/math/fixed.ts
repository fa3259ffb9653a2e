// Q16.16 fixed point in i32: 16 integer bits (±32767 units), 16 fraction bits (1/65536 unit).
// Products and quotients go through i64 and round to nearest (|error| ≤ 0.5 ulp = 2^-17). Ties:
// mul rounds half up (toward +∞: cheap, one add and a shift, so mul(-a, b) can differ from
// -mul(a, b) by 1 ulp on exact ties); div and mulDiv round half away from zero (sign-symmetric).
// Everything here is integer-only, so results are bit-identical on every host.

export const FRAC_BITS: i32 = 16;
export const ONE: i32 = 1 << FRAC_BITS;
export const HALF: i32 = ONE >> 1;
export const FX_MAX: i32 = i32.MAX_VALUE;
export const FX_MIN: i32 = i32.MIN_VALUE;

/** Whole number → Q16.16, saturating at the representable range (±32767). */
// @ts-ignore: decorator
@inline export function fromInt(n: i32): i32 {
  return saturate(<i64>n << FRAC_BITS);
}

/** Q16.16 → whole number, rounding toward negative infinity (floor). */
// @ts-ignore: decorator
@inline export function toIntFloor(a: i32): i32 {
  return a >> FRAC_BITS;
}

/** Q16.16 → whole number, rounding to nearest. */
// @ts-ignore: decorator
@inline export function toIntRound(a: i32): i32 {
  return <i32>((<i64>a + HALF) >> FRAC_BITS);
}

/** Clamp an i64 into the i32 range: the one place overflow turns into saturation. */
// @ts-ignore: decorator
@inline export function saturate(v: i64): i32 {
  return v > <i64>FX_MAX ? FX_MAX : v < <i64>FX_MIN ? FX_MIN : <i32>v;
}

/** a × b, rounded to nearest, saturating. */
// @ts-ignore: decorator
@inline export function mul(a: i32, b: i32): i32 {
  return saturate((<i64>a * <i64>b + (1 << (FRAC_BITS - 1))) >> FRAC_BITS);
}

/** a ÷ b, rounded to nearest, saturating; b = 0 saturates toward the sign of a (never traps). */
export function div(a: i32, b: i32): i32 {
  if (b == 0) return a >= 0 ? FX_MAX : FX_MIN;
  let n = <i64>a << FRAC_BITS;
  let d = <i64>b;
  // Round to nearest: add half the divisor with the sign of the quotient.
  let half = (d < 0 ? -d : d) >> 1;
  let q = (n < 0) != (d < 0) ? (n - (n < 0 ? half : -half)) / d : (n + (n < 0 ? -half : half)) / d;
  return saturate(q);
}

/**
 * a × b ÷ c with a 64-bit intermediate, rounded to nearest, saturating; c = 0 saturates toward the
 * sign of a × b (a zero product counts as positive, like div) and never traps.
 */
export function mulDiv(a: i32, b: i32, c: i32): i32 {
  let n = <i64>a * <i64>b;
  if (c == 0) return n >= 0 ? FX_MAX : FX_MIN;
  let d = <i64>c;
  let half = (d < 0 ? -d : d) >> 1;
  let q = (n < 0) != (d < 0) ? (n - (n < 0 ? half : -half)) / d : (n + (n < 0 ? -half : half)) / d;
  return saturate(q);
}

/** Floor of the square root of an unsigned 64-bit integer (bit-by-bit, no floats, no division). */
export function isqrt64(v: u64): u64 {
  if (v < 2) return v;
  // Start at the highest even power of four not above v.
  let bit: u64 = <u64>1 << ((63 - <u64>clz<u64>(v)) & ~1);
  let res: u64 = 0;
  while (bit != 0) {
    let t = res + bit;
    if (v >= t) {
      v -= t;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

/** Square root of a non-negative Q16.16 value (negative input gives 0), floor-rounded. */
export function sqrt(a: i32): i32 {
  if (a <= 0) return 0;
  return <i32>isqrt64(<u64>a << FRAC_BITS);
}

/**
 * Length of the vector (x, y) in the same raw units as its components, floor-rounded; exact for any
 * i32 pair whose length fits in i32, saturating at FX_MAX beyond (|(x, y)| can reach 2^31·√2).
 */
// @ts-ignore: decorator
@inline export function length(x: i32, y: i32): i32 {
  let r = isqrt64(<u64>(<i64>x * <i64>x) + <u64>(<i64>y * <i64>y));
  return r > <u64>FX_MAX ? FX_MAX : <i32>r;
}

// @ts-ignore: decorator
@inline export function abs(a: i32): i32 {
  return a < 0 ? -a : a;
}

// @ts-ignore: decorator
@inline export function min(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

// @ts-ignore: decorator
@inline export function max(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

// @ts-ignore: decorator
@inline export function clamp(a: i32, lo: i32, hi: i32): i32 {
  return a < lo ? lo : a > hi ? hi : a;
}
