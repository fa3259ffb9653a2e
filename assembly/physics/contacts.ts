// Narrowphase and contact resolution for circle pairs, one Gauss-Seidel pass in broadphase order.
// Per touching pair: positional correction split by inverse mass, then a normal impulse with
// restitution and a Coulomb friction impulse. Contact normals are Q2.30 (i64 maths), so
// |n| = 1 to about 1e-9 and elastic collisions keep their energy over long runs.
//
// The walk goes over bodies in sorted (cell-major) order, skipping empty cells. Because cells are
// row-major, "later bodies in my cell, then cell (+1,0)" is one contiguous run of the sorted
// array, and so are cells (-1,+1), (0,+1), (+1,+1): two ranges per body, visited in that order.

import { Field } from "../ecs/schema";
import { H, header, fieldPtr, gGridW, gGridH, gCellStart, gCellBodies, gBodyCell } from "../ecs/world";
import { ONE, isqrt64 } from "../math/fixed";

const N_BITS: i64 = 30;
const N_ONE: i64 = 1 << N_BITS;

let px: usize = 0, py: usize = 0, vxp: usize = 0, vyp: usize = 0;
let rp: usize = 0, wp: usize = 0, ep: usize = 0, mup: usize = 0;
let minX: i32 = 0, minY: i32 = 0, maxX: i32 = 0, maxY: i32 = 0;

// @ts-ignore: decorator
@inline function cellStart(c: i32): i32 {
  return load<i32>(gCellStart + (<usize>c << 2));
}

export function solveContacts(): void {
  px = fieldPtr(Field.PosX); py = fieldPtr(Field.PosY);
  vxp = fieldPtr(Field.VelX); vyp = fieldPtr(Field.VelY);
  rp = fieldPtr(Field.Radius); wp = fieldPtr(Field.InvMass);
  ep = fieldPtr(Field.Restitution); mup = fieldPtr(Field.Friction);
  minX = header(H.MinX); minY = header(H.MinY); maxX = header(H.MaxX); maxY = header(H.MaxY);
  let gw = gGridW, cells = gGridW * gGridH;
  let total = cellStart(cells);
  let rowStart = 0; // first cell of the current body's row
  for (let a = 0; a < total; a++) {
    let i = load<i32>(gCellBodies + (<usize>a << 2));
    let c = load<i32>(gBodyCell + (<usize>i << 2));
    while (c >= rowStart + gw) rowStart += gw; // cells only grow along the walk
    let cx = c - rowStart;
    let right = cx + 1 < gw ? 1 : 0;
    collideRange(i, a + 1, cellStart(c + 1 + right));
    if (rowStart + gw < cells) {
      let below = c + gw;
      collideRange(i, cellStart(below - (cx > 0 ? 1 : 0)), cellStart(below + 1 + right));
    }
  }
}

/** Body i against the sorted slots [from, to): a lean reject test, the full resolve on contact. */
// @ts-ignore: decorator
@inline function collideRange(i: i32, from: i32, to: i32): void {
  let oi = <usize>i << 2;
  let xi = load<i32>(px + oi), yi = load<i32>(py + oi), ri = load<i32>(rp + oi);
  for (let b = from; b < to; b++) {
    let j = load<i32>(gCellBodies + (<usize>b << 2));
    let oj = <usize>j << 2;
    let rs = ri + load<i32>(rp + oj);
    let dx = load<i32>(px + oj) - xi, dy = load<i32>(py + oj) - yi;
    // -rs < d < rs for both axes as two unsigned compares and a single branch.
    let span = <u32>(2 * rs - 1);
    if (((<u32>(dx + rs - 1) >= span) | (<u32>(dy + rs - 1) >= span)) != 0) continue;
    if (resolve(i, j, dx, dy, rs)) {
      xi = load<i32>(px + oi);
      yi = load<i32>(py + oi);
    }
  }
}

// @ts-ignore: decorator
@inline function roundShift(v: i64, bits: i64): i64 {
  return (v + (<i64>1 << (bits - 1))) >> bits;
}

// @ts-ignore: decorator
@inline function clampAxis(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Resolve one candidate pair; returns true if positions moved. */
function resolve(i: i32, j: i32, dx: i32, dy: i32, rs: i32): bool {
  let d2 = <i64>dx * <i64>dx + <i64>dy * <i64>dy;
  if (d2 >= <i64>rs * <i64>rs) return false;
  let oi = <usize>i << 2, oj = <usize>j << 2;
  let wi = <i64>load<i32>(wp + oi), wj = <i64>load<i32>(wp + oj);
  let w = wi + wj;
  if (w == 0) return false;

  let d = <i64>isqrt64(<u64>d2);
  let nx: i64, ny: i64;
  if (d == 0) {
    // Coincident centres: separate along +x, a fixed choice so every host agrees.
    nx = N_ONE; ny = 0;
  } else {
    nx = (<i64>dx << N_BITS) / d;
    ny = (<i64>dy << N_BITS) / d;
  }

  // Positional correction: each body moves out along the normal in proportion to its inverse
  // mass, and stays inside the world bounds (so no correction can push anything out).
  let pen = <i64>rs - d;
  let ci = (pen * wi + (w >> 1)) / w;
  let cj = pen - ci;
  let ri = load<i32>(rp + oi), rj = load<i32>(rp + oj);
  store<i32>(px + oi, clampAxis(load<i32>(px + oi) - <i32>roundShift(nx * ci, N_BITS), minX + ri, maxX - ri));
  store<i32>(py + oi, clampAxis(load<i32>(py + oi) - <i32>roundShift(ny * ci, N_BITS), minY + ri, maxY - ri));
  store<i32>(px + oj, clampAxis(load<i32>(px + oj) + <i32>roundShift(nx * cj, N_BITS), minX + rj, maxX - rj));
  store<i32>(py + oj, clampAxis(load<i32>(py + oj) + <i32>roundShift(ny * cj, N_BITS), minY + rj, maxY - rj));

  let vxi = load<i32>(vxp + oi), vyi = load<i32>(vyp + oi);
  let vxj = load<i32>(vxp + oj), vyj = load<i32>(vyp + oj);
  let vn = roundShift(<i64>(vxj - vxi) * nx + <i64>(vyj - vyi) * ny, N_BITS);
  if (vn >= 0) return true; // separating already

  // Normal impulse P = -(1 + e) vn / (wi + wj); restitution combines by max, as in Box2D.
  let ei = load<i32>(ep + oi), ej = load<i32>(ep + oj);
  let e = <i64>(ei > ej ? ei : ej);
  let p = ((<i64>ONE + e) * -vn + (w >> 1)) / w;
  let ki = roundShift(p * wi, 16), kj = roundShift(p * wj, 16);
  vxi -= <i32>roundShift(nx * ki, N_BITS); vyi -= <i32>roundShift(ny * ki, N_BITS);
  vxj += <i32>roundShift(nx * kj, N_BITS); vyj += <i32>roundShift(ny * kj, N_BITS);

  // Friction: remove tangential slip, limited to mu × the normal impulse (Coulomb). mu = the
  // smaller coefficient, a cheap integer stand-in for Box2D's geometric mean.
  let mui = load<i32>(mup + oi), muj = load<i32>(mup + oj);
  let mu = <i64>(mui < muj ? mui : muj);
  if (mu > 0) {
    let tx = -ny, ty = nx;
    let vt = roundShift(<i64>(vxj - vxi) * tx + <i64>(vyj - vyi) * ty, N_BITS);
    let pt = -((vt << 16) + (vt < 0 ? -(w >> 1) : (w >> 1))) / w;
    let limit = roundShift(mu * p, 16);
    if (pt > limit) pt = limit; else if (pt < -limit) pt = -limit;
    let ti = roundShift(pt * wi, 16), tj = roundShift(pt * wj, 16);
    vxi -= <i32>roundShift(tx * ti, N_BITS); vyi -= <i32>roundShift(ty * ti, N_BITS);
    vxj += <i32>roundShift(tx * tj, N_BITS); vyj += <i32>roundShift(ty * tj, N_BITS);
  }
  store<i32>(vxp + oi, vxi); store<i32>(vyp + oi, vyi);
  store<i32>(vxp + oj, vxj); store<i32>(vyp + oj, vyj);
  return true;
}
