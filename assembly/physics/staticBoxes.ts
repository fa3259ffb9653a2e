// Circles against static axis-aligned boxes (walls, obstacles), then a clamp to the world bounds
// so that no push out of a box can leave the arena. (Circle contacts clamp their own pushes, and
// integration clamps motion, so a world without boxes skips this pass.)

import { Component, Field } from "../ecs/schema";
import { B, H, header, fieldPtr, boxPtr } from "../ecs/world";
import { matches } from "../ecs/entities";
import { ONE, mul, isqrt64 } from "../math/fixed";

export function collideStatic(): void {
  let px = fieldPtr(Field.PosX), py = fieldPtr(Field.PosY);
  let vxp = fieldPtr(Field.VelX), vyp = fieldPtr(Field.VelY);
  let rp = fieldPtr(Field.Radius), wp = fieldPtr(Field.InvMass);
  let ep = fieldPtr(Field.Restitution), mup = fieldPtr(Field.Friction);
  let boxes = header(H.BoxCount);
  if (boxes == 0) return;
  let minX = header(H.MinX), minY = header(H.MinY), maxX = header(H.MaxX), maxY = header(H.MaxY);
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) {
    if (!matches(i, Component.Position | Component.Circle)) continue;
    let o = <usize>i << 2;
    let x = load<i32>(px + o), y = load<i32>(py + o), r = load<i32>(rp + o);
    if (load<i32>(wp + o) != 0) {
      let vx = load<i32>(vxp + o), vy = load<i32>(vyp + o);
      for (let b = 0; b < boxes; b++) {
        let bp = boxPtr(b);
        let bx0 = load<i32>(bp, B.MinX << 2), by0 = load<i32>(bp, B.MinY << 2);
        let bx1 = load<i32>(bp, B.MaxX << 2), by1 = load<i32>(bp, B.MaxY << 2);
        if (x + r <= bx0 || x - r >= bx1 || y + r <= by0 || y - r >= by1) continue;
        // Outward normal (Q16.16) and penetration depth.
        let nx = 0, ny = 0, pen = 0;
        let cx = x < bx0 ? bx0 : x > bx1 ? bx1 : x;
        let cy = y < by0 ? by0 : y > by1 ? by1 : y;
        let dx = x - cx, dy = y - cy;
        if (dx == 0 && dy == 0) {
          // Centre inside the box: leave through the nearest face (ties resolve in a fixed order).
          let best = x - bx0; nx = -ONE; ny = 0;
          if (bx1 - x < best) { best = bx1 - x; nx = ONE; ny = 0; }
          if (y - by0 < best) { best = y - by0; nx = 0; ny = -ONE; }
          if (by1 - y < best) { best = by1 - y; nx = 0; ny = ONE; }
          pen = best + r;
        } else {
          let d2 = <i64>dx * <i64>dx + <i64>dy * <i64>dy;
          if (d2 >= <i64>r * <i64>r) continue;
          let d = <i32>isqrt64(<u64>d2);
          nx = <i32>((<i64>dx << 16) / d);
          ny = <i32>((<i64>dy << 16) / d);
          pen = r - d;
        }
        x += mul(nx, pen);
        y += mul(ny, pen);
        let vn = mul(vx, nx) + mul(vy, ny);
        if (vn < 0) {
          let eb = load<i32>(bp, B.Restitution << 2), ec = load<i32>(ep + o);
          let e = eb > ec ? eb : ec;
          let k = mul(ONE + e, vn);
          vx -= mul(k, nx);
          vy -= mul(k, ny);
          let mub = load<i32>(bp, B.Friction << 2), muc = load<i32>(mup + o);
          let mu = mub < muc ? mub : muc;
          if (mu > 0) {
            // Tangential slip reduced by at most mu × the normal velocity change.
            let vt = mul(vx, -ny) + mul(vy, nx);
            let limit = mul(mu, k < 0 ? -k : k);
            let dt = vt > limit ? limit : vt < -limit ? -limit : vt;
            vx += mul(dt, ny);
            vy -= mul(dt, nx);
          }
        }
      }
      store<i32>(vxp + o, vx);
      store<i32>(vyp + o, vy);
    }
    let lo = minX + r, hi = maxX - r;
    x = x < lo ? lo : x > hi ? hi : x;
    lo = minY + r; hi = maxY - r;
    y = y < lo ? lo : y > hi ? hi : y;
    store<i32>(px + o, x);
    store<i32>(py + o, y);
  }
}
