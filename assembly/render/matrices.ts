// Instance matrices for the renderer: 16 f32 per entity slot (column-major, three.js order),
// interpolated between the previous and the current tick. This region is outside the hashed
// arena, so floats are allowed here; nothing written here ever feeds back into the state.
// Sim (x, y) maps to world (x, radius, y): the arena is the XZ plane, bodies rest on it.

import { Component, Field } from "../ecs/schema";
import { H, header, fieldPtr, gMatrices } from "../ecs/world";
import { matches } from "../ecs/entities";

const INV_ONE: f32 = 1.0 / 65536.0;

/** Write every slot's matrix for interpolation factor alpha (Q16.16, 0..1); returns the slot count. */
export function writeMatrices(alpha: i32): i32 {
  let px = fieldPtr(Field.PosX), py = fieldPtr(Field.PosY);
  let qx = fieldPtr(Field.PrevX), qy = fieldPtr(Field.PrevY);
  let rp = fieldPtr(Field.Radius);
  let a = <f32>alpha * INV_ONE;
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) {
    let o = <usize>i << 2;
    let m = gMatrices + (<usize>i << 6);
    if (!matches(i, Component.Position | Component.Renderable)) {
      memory.fill(m, 0, 64); // zero scale: the slot draws nothing
      continue;
    }
    let x0 = <f32>load<i32>(qx + o), y0 = <f32>load<i32>(qy + o);
    let x = (x0 + (<f32>load<i32>(px + o) - x0) * a) * INV_ONE;
    let z = (y0 + (<f32>load<i32>(py + o) - y0) * a) * INV_ONE;
    let s = <f32>load<i32>(rp + o) * INV_ONE;
    store<f32>(m, s, 0);
    store<f32>(m, 0, 4);
    store<f32>(m, 0, 8);
    store<f32>(m, 0, 12);
    store<f32>(m, 0, 16);
    store<f32>(m, s, 20);
    store<f32>(m, 0, 24);
    store<f32>(m, 0, 28);
    store<f32>(m, 0, 32);
    store<f32>(m, 0, 36);
    store<f32>(m, s, 40);
    store<f32>(m, 0, 44);
    store<f32>(m, x, 48);
    store<f32>(m, s, 52);
    store<f32>(m, z, 56);
    store<f32>(m, 1, 60);
  }
  return end;
}

/** Remember positions at the start of a tick, for interpolation (one copy per field). */
export function rememberPositions(): void {
  let bytes = <usize>header(H.HighWater) << 2;
  memory.copy(fieldPtr(Field.PrevX), fieldPtr(Field.PosX), bytes);
  memory.copy(fieldPtr(Field.PrevY), fieldPtr(Field.PosY), bytes);
}
