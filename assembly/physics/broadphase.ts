// Uniform-grid broadphase: a stable counting sort of circles by cell, rebuilt every step in
// scratch memory. Cells are at least one largest diameter wide, so every touching pair sits in
// the same or an adjacent cell, and visiting each cell's forward neighbours finds each pair once,
// in an order fixed by cell index then entity index.

import { Component, Field } from "../ecs/schema";
import { H, header, fieldPtr, gGridW, gGridH, gCellStart, gCellBodies, gBodyCell } from "../ecs/world";
import { matches } from "../ecs/entities";

/** log2 of the cell size when it is a power of two (the usual case), else -1 (divide instead). */
function cellShift(cs: i32): i32 {
  return (cs & (cs - 1)) == 0 ? 31 - <i32>clz(cs) : -1;
}

// @ts-ignore: decorator
@inline function cellCoord(v: i32, origin: i32, cs: i32, shift: i32, cells: i32): i32 {
  let d = v - origin;
  let c = d < 0 ? 0 : shift >= 0 ? d >> shift : d / cs;
  return c >= cells ? cells - 1 : c;
}

export function buildGrid(): void {
  let px = fieldPtr(Field.PosX), py = fieldPtr(Field.PosY);
  let minX = header(H.MinX), minY = header(H.MinY), cs = header(H.CellSize);
  let shift = cellShift(cs);
  let gw = gGridW, gh = gGridH;
  let cells = gw * gh;
  let end = header(H.HighWater);
  memory.fill(gCellStart, 0, <usize>(cells + 1) << 2);
  for (let i = 0; i < end; i++) {
    let o = <usize>i << 2;
    if (!matches(i, Component.Position | Component.Circle)) {
      store<i32>(gBodyCell + o, -1);
      continue;
    }
    let c = cellCoord(load<i32>(px + o), minX, cs, shift, gw) + gw * cellCoord(load<i32>(py + o), minY, cs, shift, gh);
    store<i32>(gBodyCell + o, c);
    let cp = gCellStart + (<usize>c << 2);
    store<i32>(cp, load<i32>(cp) + 1);
  }
  // Prefix sums make cellStart[c] the end of cell c; filling backwards then leaves it at the
  // start, with bodies inside a cell in ascending index order.
  let sum = 0;
  for (let c = 0; c < cells; c++) {
    let cp = gCellStart + (<usize>c << 2);
    sum += load<i32>(cp);
    store<i32>(cp, sum);
  }
  store<i32>(gCellStart + (<usize>cells << 2), sum);
  for (let i = end - 1; i >= 0; i--) {
    let c = load<i32>(gBodyCell + (<usize>i << 2));
    if (c < 0) continue;
    let cp = gCellStart + (<usize>c << 2);
    let slot = load<i32>(cp) - 1;
    store<i32>(cp, slot);
    store<i32>(gCellBodies + (<usize>slot << 2), i);
  }
}
