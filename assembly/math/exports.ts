// Fixed-point (Q16.16) math exported for hosts and tests. Thin wrappers: all logic lives in
// ./fixed and ./trig. u64 parameters/results cross the boundary as JS BigInt (raw bindings).
import { mul, div, mulDiv, sqrt, length, isqrt64, fromInt, toIntFloor, toIntRound } from "./fixed";
import { sin, cos, atan2 } from "./trig";

export function fxMul(a: i32, b: i32): i32 { return mul(a, b); }
export function fxDiv(a: i32, b: i32): i32 { return div(a, b); }
export function fxMulDiv(a: i32, b: i32, c: i32): i32 { return mulDiv(a, b, c); }
export function fxSqrt(a: i32): i32 { return sqrt(a); }
export function fxLength(x: i32, y: i32): i32 { return length(x, y); }
export function fxIsqrt64(v: u64): u64 { return isqrt64(v); }
export function fxSin(angle: i32): i32 { return sin(angle); }
export function fxCos(angle: i32): i32 { return cos(angle); }
export function fxAtan2(y: i32, x: i32): i32 { return atan2(y, x); }
export function fxFromInt(n: i32): i32 { return fromInt(n); }
export function fxToIntFloor(a: i32): i32 { return toIntFloor(a); }
export function fxToIntRound(a: i32): i32 { return toIntRound(a); }
