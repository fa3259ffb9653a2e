// Entry of build/bench.wasm: the shared benchmark workloads (../shared/bench/ARENA.md) driven
// through Tessera's own ECS and physics, so the numbers measure the engine the game runs on.

import { Component, Field } from "./ecs/schema";
import { H, header, createWorld, fieldPtr } from "./ecs/world";
import { spawn, handleIndex, matches } from "./ecs/entities";
import { physicsStep } from "./physics/step";
import { integrate } from "./physics/integrate";
import { ONE } from "./math/fixed";

const BODY: u32 = Component.Position | Component.Velocity | Component.Circle;

let radius: i32 = ONE;

/** A world [0, L]² for n unit-mass circles of `radiusRaw`; the cell is one diameter. */
function setup(n: i32, lengthRaw: i32, radiusRaw: i32): void {
  radius = radiusRaw;
  // Speed cap at the radius: never binding for this workload (|v| ≤ 0.12 u/tick), as the spec wants.
  createWorld(n, 0, radiusRaw * 2, 0, 0, lengthRaw, lengthRaw, radiusRaw);
}

function addBody(x: i32, y: i32, vx: i32, vy: i32): void {
  let h = spawn(BODY);
  assert(h != 0, "benchmark world is full");
  let o = <usize>handleIndex(h) << 2;
  store<i32>(fieldPtr(Field.PosX) + o, x);
  store<i32>(fieldPtr(Field.PosY) + o, y);
  store<i32>(fieldPtr(Field.VelX) + o, vx);
  store<i32>(fieldPtr(Field.VelY) + o, vy);
  store<i32>(fieldPtr(Field.Radius) + o, radius);
  store<i32>(fieldPtr(Field.InvMass) + o, ONE);
  store<i32>(fieldPtr(Field.Restitution) + o, ONE);
}

/** FNV-1a over each body's raw x then y, little-endian bytes, in creation (index) order. */
function positionChecksum(): u32 {
  let h: u32 = 0x811c9dc5;
  let px = fieldPtr(Field.PosX), py = fieldPtr(Field.PosY);
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) {
    if (!matches(i, Component.Position)) continue;
    let o = <usize>i << 2;
    h = fnvWord(h, load<u32>(px + o));
    h = fnvWord(h, load<u32>(py + o));
  }
  return h;
}

// @ts-ignore: decorator
@inline function fnvWord(h: u32, w: u32): u32 {
  h = (h ^ (w & 0xff)) * 0x01000193;
  h = (h ^ ((w >> 8) & 0xff)) * 0x01000193;
  h = (h ^ ((w >> 16) & 0xff)) * 0x01000193;
  return (h ^ (w >> 24)) * 0x01000193;
}

export function arenaSetup(n: i32, lengthRaw: i32, radiusRaw: i32): void { setup(n, lengthRaw, radiusRaw); }
export function arenaAddBody(x: i32, y: i32, vx: i32, vy: i32): void { addBody(x, y, vx, vy); }
export function arenaStep(steps: i32): void {
  for (let s = 0; s < steps; s++) physicsStep();
}
export function arenaChecksum(): u32 { return positionChecksum(); }
/** Σ (vx² + vy²) in raw per-tick units; the host takes the ratio after/before. */
export function arenaKineticEnergy(): i64 {
  let vx = fieldPtr(Field.VelX), vy = fieldPtr(Field.VelY);
  let sum: i64 = 0;
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) {
    let a = <i64>load<i32>(vx + (<usize>i << 2)), b = <i64>load<i32>(vy + (<usize>i << 2));
    sum += a * a + b * b;
  }
  return sum;
}

export function moveSetup(n: i32, lengthRaw: i32, radiusRaw: i32): void { setup(n, lengthRaw, radiusRaw); }
export function moveAddBody(x: i32, y: i32, vx: i32, vy: i32): void { addBody(x, y, vx, vy); }
/** The "move" workload: the integration system alone (integrate + wall bounce). */
export function moveStep(steps: i32): void {
  for (let s = 0; s < steps; s++) integrate();
}
export function moveChecksum(): u32 { return positionChecksum(); }
