// Deterministic bots: pick an orb, get behind it on the line to the enemy goal, push, and dash
// when lined up. Integer maths and index-order scans only, with the arena's PRNG for variety,
// so a bot decides the same thing on every host and after every rollback.

import { Component, Field } from "../ecs/schema";
import { H, header, fieldPtr, fieldAt, gameWord, setGameWord } from "../ecs/world";
import { isAlive, handleIndex, makeHandle, generationAt, matches } from "../ecs/entities";
import { nextBelow } from "../math/random";
import { length, mul } from "../math/fixed";
import { G, GOAL_DEPTH, BUTTON_DASH } from "./gameBlock";
import { stickToward } from "./input";

const RETARGET_TICKS: i32 = 30;
const LINE_UP: i32 = 58982; // cos ≈ 0.9: close enough to the goal line to push or dash

/** The input bot `slot` (body index i) gives this tick. */
export function botInput(slot: i32, i: i32): i32 {
  let x = fieldAt(Field.PosX, i), y = fieldAt(Field.PosY, i);
  let team = fieldAt(Field.Team, i);
  let w = gameWord(G.FieldW), h = gameWord(G.FieldH);
  // Team 0 attacks the right goal, team 1 the left.
  let gx = team == 0 ? w + (GOAL_DEPTH >> 1) : -(GOAL_DEPTH >> 1);
  let gy = h >> 1;

  let target = gameWord(G.BotTarget + slot);
  if (!isAlive(target) || (header(H.Tick) + slot * 7) % RETARGET_TICKS == 0) {
    target = nearestOrb(x, y, team, w);
    setGameWord(G.BotTarget + slot, target);
  }
  if (target == 0) return stickToward(gx - x, gy - y, 0); // nothing to chase: drift toward the goal
  let o = handleIndex(target);
  let ox = fieldAt(Field.PosX, o), oy = fieldAt(Field.PosY, o);

  // Unit vector orb → goal (Q16.16) and the spot just behind the orb on that line.
  let ux = gx - ox, uy = gy - oy;
  let ul = length(ux, uy);
  if (ul == 0) return 0;
  ux = <i32>((<i64>ux << 16) / ul);
  uy = <i32>((<i64>uy << 16) / ul);
  let reach = fieldAt(Field.Radius, i) + fieldAt(Field.Radius, o) + (1 << 14);
  let bx = ox - mul(ux, reach), by = oy - mul(uy, reach);

  // Am I behind the orb (the orb between me and the goal)?
  let tx = ox - x, ty = oy - y;
  let tl = length(tx, ty);
  let aligned = tl > 0 && <i32>((<i64>tx * ux + <i64>ty * uy) / tl) > LINE_UP;
  if (aligned) {
    let dash = fieldAt(Field.Timer, i) == 0 && nextBelow(16) == 0 ? BUTTON_DASH : 0;
    // Aim a little through the orb toward the goal.
    return stickToward(tx + mul(ux, 1 << 15), ty + mul(uy, 1 << 15), dash);
  }
  // Not lined up: go to the spot behind the orb, swinging wide if the orb is in the way.
  let side = <i64>tx * uy - <i64>ty * ux;
  let ax = bx, ay = by;
  if (<i64>tx * ux + <i64>ty * uy < 0) {
    let swing = reach + (1 << 16);
    ax += side >= 0 ? -mul(uy, swing) : mul(uy, swing);
    ay += side >= 0 ? mul(ux, swing) : -mul(ux, swing);
  }
  return stickToward(ax - x, ay - y, 0);
}

/** Nearest orb still on the pitch (ties: lowest index), or 0. */
function nearestOrb(x: i32, y: i32, team: i32, w: i32): i32 {
  let px = fieldPtr(Field.PosX), py = fieldPtr(Field.PosY);
  let best: i64 = i64.MAX_VALUE;
  let bestIndex = -1;
  let end = header(H.HighWater);
  for (let j = 0; j < end; j++) {
    if (!matches(j, Component.Orb | Component.Position)) continue;
    let ox = load<i32>(px + (<usize>j << 2)), oy = load<i32>(py + (<usize>j << 2));
    if (ox < 0 || ox > w) continue;
    let dx = <i64>(ox - x), dy = <i64>(oy - y);
    let d = dx * dx + dy * dy;
    // Prefer orbs on the attacking side of me: chasing backwards wastes time.
    if ((team == 0) != (ox > x)) d += d >> 1;
    if (d < best) { best = d; bestIndex = j; }
  }
  return bestIndex < 0 ? 0 : makeHandle(bestIndex, generationAt(bestIndex));
}

