// The pitch: a rectangle with a goal pocket behind each end wall and four pillars. Its size
// scales with the orb count so that a 1000-orb benchmark match is as roomy as a 40-orb game.

import {
  G, BASE_ORBS, BASE_FIELD_W, BASE_FIELD_H, BASE_GOAL_MOUTH, GOAL_DEPTH, PILLAR_HALF, WALL_RESTITUTION, WALL_FRICTION,
} from "./gameBlock";
import { addBox, setGameWord } from "../ecs/world";
import { ONE, mul, sqrt, div, fromInt } from "../math/fixed";

export class FieldSize {
  constructor(public w: i32, public h: i32, public goalLo: i32, public goalHi: i32) {}
}

/** Field dimensions for an orb count (whole units so the geometry is easy to read back). */
export function fieldSizeFor(orbs: i32): FieldSize {
  let scale = orbs > BASE_ORBS ? sqrt(div(fromInt(orbs), fromInt(BASE_ORBS))) : ONE;
  let w = (mul(BASE_FIELD_W, scale) + (ONE >> 1)) & ~(ONE - 1);
  let h = (mul(BASE_FIELD_H, scale) + (ONE >> 1)) & ~(ONE - 1);
  let mouth = mul(BASE_GOAL_MOUTH, scale);
  return new FieldSize(w, h, (h - mouth) >> 1, (h + mouth) >> 1);
}

/** Record the field in the game block and add its static boxes (world bounds already set). */
export function buildField(f: FieldSize): void {
  setGameWord(G.FieldW, f.w);
  setGameWord(G.FieldH, f.h);
  setGameWord(G.GoalLo, f.goalLo);
  setGameWord(G.GoalHi, f.goalHi);
  let e = WALL_RESTITUTION, mu = WALL_FRICTION;
  // End walls either side of each goal mouth; the pockets' backs are the world bounds.
  addBox(-GOAL_DEPTH, 0, 0, f.goalLo, e, mu);
  addBox(-GOAL_DEPTH, f.goalHi, 0, f.h, e, mu);
  addBox(f.w, 0, f.w + GOAL_DEPTH, f.goalLo, e, mu);
  addBox(f.w, f.goalHi, f.w + GOAL_DEPTH, f.h, e, mu);
  // Four pillars break up straight shots.
  let x1 = f.w / 3, x2 = (f.w / 3) * 2, y1 = f.h / 4, y2 = (f.h / 4) * 3;
  addPillar(x1, y1); addPillar(x1, y2); addPillar(x2, y1); addPillar(x2, y2);
}

function addPillar(x: i32, y: i32): void {
  addBox(x - PILLAR_HALF, y - PILLAR_HALF, x + PILLAR_HALF, y + PILLAR_HALF, WALL_RESTITUTION, WALL_FRICTION);
}
