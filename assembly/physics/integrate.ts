// Integration: drag, the speed cap, x += v (velocities are per tick), and the world bounds.
// The cap keeps every per-tick move below the smallest radius, which is what rules out
// tunnelling through circles and static boxes at any speed the game can reach.
//
// Four slots at a time go through a SIMD path when all four are plain moving circles (no drag,
// under the cap, elastic walls); any other block takes the scalar path, which gives the same
// result, so the choice never shows in the state.

import { Component, Field } from "../ecs/schema";
import { H, header, fieldPtr, gMask } from "../ecs/world";
import { ALIVE } from "../ecs/entities";
import { ONE, mul, mulDiv, isqrt64 } from "../math/fixed";

const MOVING: u32 = ALIVE | Component.Position | Component.Velocity;
const MOVING_CIRCLE: u32 = MOVING | Component.Circle;

let px: usize = 0, py: usize = 0, vxp: usize = 0, vyp: usize = 0, rp: usize = 0, dragp: usize = 0;
let minX: i32 = 0, minY: i32 = 0, maxX: i32 = 0, maxY: i32 = 0, maxSpeed: i32 = 0, wallE: i32 = 0;

export function integrate(): void {
  px = fieldPtr(Field.PosX); py = fieldPtr(Field.PosY);
  vxp = fieldPtr(Field.VelX); vyp = fieldPtr(Field.VelY);
  rp = fieldPtr(Field.Radius); dragp = fieldPtr(Field.Drag);
  minX = header(H.MinX); minY = header(H.MinY); maxX = header(H.MaxX); maxY = header(H.MaxY);
  maxSpeed = header(H.MaxSpeed);
  wallE = header(H.WallRestitution);
  let end = header(H.HighWater);
  let i = 0;
  if (wallE == ONE) {
    for (; i + 4 <= end; i += 4) {
      if (!integrateFour(i)) {
        integrateOne(i); integrateOne(i + 1); integrateOne(i + 2); integrateOne(i + 3);
      }
    }
  }
  for (; i < end; i++) integrateOne(i);
}

/** Slots i..i+3 in one go; false (nothing written) if any of them needs the scalar path. */
// @ts-ignore: decorator
@inline function integrateFour(i: i32): bool {
  let o = <usize>i << 2;
  let need = i32x4.splat(MOVING_CIRCLE);
  if (!i32x4.all_true(i32x4.eq(v128.and(v128.load(gMask + o), need), need))) return false;
  if (v128.any_true(v128.load(dragp + o))) return false;
  let vx = v128.load(vxp + o), vy = v128.load(vyp + o);
  let speed = i32x4.add(i32x4.abs(vx), i32x4.abs(vy));
  if (v128.any_true(i32x4.gt_s(speed, i32x4.splat(maxSpeed)))) return false;
  let r = v128.load(rp + o);
  let zero = i32x4.splat(0);

  let x = i32x4.add(v128.load(px + o), vx);
  let lo = i32x4.add(i32x4.splat(minX), r), hi = i32x4.sub(i32x4.splat(maxX), r);
  let under = i32x4.lt_s(x, lo), over = i32x4.gt_s(x, hi);
  x = v128.bitselect(hi, v128.bitselect(lo, x, under), over);
  let flip = v128.or(v128.and(under, i32x4.lt_s(vx, zero)), v128.and(over, i32x4.gt_s(vx, zero)));
  vx = v128.bitselect(i32x4.neg(vx), vx, flip);

  let y = i32x4.add(v128.load(py + o), vy);
  lo = i32x4.add(i32x4.splat(minY), r); hi = i32x4.sub(i32x4.splat(maxY), r);
  under = i32x4.lt_s(y, lo); over = i32x4.gt_s(y, hi);
  y = v128.bitselect(hi, v128.bitselect(lo, y, under), over);
  flip = v128.or(v128.and(under, i32x4.lt_s(vy, zero)), v128.and(over, i32x4.gt_s(vy, zero)));
  vy = v128.bitselect(i32x4.neg(vy), vy, flip);

  v128.store(px + o, x); v128.store(py + o, y);
  v128.store(vxp + o, vx); v128.store(vyp + o, vy);
  return true;
}

// @ts-ignore: decorator
@inline function bounce(v: i32): i32 {
  return wallE == ONE ? -v : -mul(v, wallE);
}

function integrateOne(i: i32): void {
  let o = <usize>i << 2;
  let mask = load<u32>(gMask + o);
  if ((mask & MOVING) != MOVING) return;
  let vx = load<i32>(vxp + o), vy = load<i32>(vyp + o);
  let r = 0;
  if ((mask & Component.Circle) != 0) {
    r = load<i32>(rp + o);
    let drag = load<i32>(dragp + o);
    if (drag != 0) {
      vx -= mul(vx, drag);
      vy -= mul(vy, drag);
    }
  }
  // |vx| + |vy| ≤ cap implies |v| ≤ cap: the exact test runs only for fast bodies.
  if ((vx < 0 ? -vx : vx) + (vy < 0 ? -vy : vy) > maxSpeed) {
    let v2 = <i64>vx * <i64>vx + <i64>vy * <i64>vy;
    if (v2 > <i64>maxSpeed * <i64>maxSpeed) {
      let len = <i32>isqrt64(<u64>v2);
      vx = mulDiv(vx, maxSpeed, len);
      vy = mulDiv(vy, maxSpeed, len);
    }
  }
  let x = load<i32>(px + o) + vx, y = load<i32>(py + o) + vy;
  let lo = minX + r, hi = maxX - r;
  if (x < lo) { x = lo; if (vx < 0) vx = bounce(vx); }
  else if (x > hi) { x = hi; if (vx > 0) vx = bounce(vx); }
  lo = minY + r; hi = maxY - r;
  if (y < lo) { y = lo; if (vy < 0) vy = bounce(vy); }
  else if (y > hi) { y = hi; if (vy > 0) vy = bounce(vy); }
  store<i32>(px + o, x);
  store<i32>(py + o, y);
  store<i32>(vxp + o, vx);
  store<i32>(vyp + o, vy);
}
