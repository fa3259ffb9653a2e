// Orbs: the loose bodies players push into goals. A scored orb leaves the field and comes back
// on the halfway line after a delay, through a FIFO in the game block.

import { Component, Field } from "../ecs/schema";
import { H, header, fieldPtr, fieldAt, setFieldAt, gameWord, setGameWord } from "../ecs/world";
import { spawn, despawn, handleIndex, makeHandle, generationAt, matches } from "../ecs/entities";
import { nextRange } from "../math/random";
import { emitEvent, GameEvent } from "../render/events";
import {
  G, RESPAWN_QUEUE, RESPAWN_DELAY, ORB_RADIUS, BIG_ORB_RADIUS, ORB_DRAG, LOOK_ORB, LOOK_BIG_ORB,
} from "./gameBlock";

export function spawnOrb(x: i32, y: i32, points: i32): void {
  let h = spawn(Component.Position | Component.Velocity | Component.Circle | Component.Orb | Component.Renderable);
  assert(h != 0, "entity capacity exhausted while spawning an orb");
  let i = handleIndex(h);
  let big = points > 1;
  setFieldAt(Field.PosX, i, x); setFieldAt(Field.PosY, i, y);
  setFieldAt(Field.PrevX, i, x); setFieldAt(Field.PrevY, i, y);
  setFieldAt(Field.Radius, i, big ? BIG_ORB_RADIUS : ORB_RADIUS);
  setFieldAt(Field.InvMass, i, big ? 21845 : 1 << 16); // big orbs weigh 3
  setFieldAt(Field.Restitution, i, 45875); // 0.7
  setFieldAt(Field.Friction, i, 6554); // 0.1
  setFieldAt(Field.Drag, i, ORB_DRAG);
  setFieldAt(Field.Team, i, -1);
  setFieldAt(Field.Slot, i, points);
  setFieldAt(Field.Look, i, big ? LOOK_BIG_ORB : LOOK_ORB);
}

/** Somewhere on the middle third of the pitch, away from the walls. */
export function spawnOrbInMiddle(points: i32): void {
  let w = gameWord(G.FieldW), h = gameWord(G.FieldH);
  spawnOrb(nextRange(w / 3, (w / 3) * 2), nextRange(1 << 16, h - (1 << 16)), points);
}

/** Score orbs that crossed a goal line completely; queue them to come back. */
export function scoreGoals(): void {
  let px = fieldPtr(Field.PosX), rp = fieldPtr(Field.Radius);
  let w = gameWord(G.FieldW);
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) {
    if (!matches(i, Component.Orb | Component.Position)) continue;
    let x = load<i32>(px + (<usize>i << 2)), r = load<i32>(rp + (<usize>i << 2));
    let team = x + r < 0 ? 1 : x - r > w ? 0 : -1;
    if (team < 0) continue;
    let points = fieldAt(Field.Slot, i);
    setGameWord(G.Score0 + team, gameWord(G.Score0 + team) + points);
    emitEvent(GameEvent.Goal, team, points);
    despawn(makeHandle(i, generationAt(i)));
    queueRespawn(header(H.Tick) + RESPAWN_DELAY, points);
  }
}

function queueRespawn(tick: i32, points: i32): void {
  let head = gameWord(G.QueueHead), tail = gameWord(G.QueueTail);
  if (tail - head >= RESPAWN_QUEUE) {
    spawnOrbInMiddle(points); // queue full (a goal flood): come back at once rather than be lost
    return;
  }
  let k = tail % RESPAWN_QUEUE;
  setGameWord(G.RespawnTick + k, tick);
  setGameWord(G.RespawnPoints + k, points);
  setGameWord(G.QueueTail, tail + 1);
}

/** Bring back every queued orb whose delay is over (the queue is in tick order). */
export function respawnDueOrbs(): void {
  let tick = header(H.Tick);
  let head = gameWord(G.QueueHead), tail = gameWord(G.QueueTail);
  while (head < tail && gameWord(G.RespawnTick + head % RESPAWN_QUEUE) <= tick) {
    spawnOrbInMiddle(gameWord(G.RespawnPoints + head % RESPAWN_QUEUE));
    head++;
  }
  setGameWord(G.QueueHead, head);
}
