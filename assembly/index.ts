// Public ABI of the Tessera demo-game module (build/tessera.wasm): numbers and pointers only.
// Hosts build typed-array views on memory.buffer from the pointers (rebuilding them if the
// buffer changes) and never copy hot data through bindings.

import { FIELD_COUNT, STATE_FIELD_COUNT, COMPONENT_COUNT, componentIsState } from "./ecs/schema";
import {
  H, header, gArena, gArenaBytes, gCap, gMatrices, gEvents, gInputs, gBoxes, gGame, gRingSlots, fieldPtr,
  LAYOUT_VERSION, MAX_PLAYERS, EVENT_RING, BOX_WORDS,
} from "./ecs/world";
import * as entities from "./ecs/entities";
import { createWorld, addBox, newWorld, selectWorld, freeWorld, currentWorld, worldBlockBytes, arenaBytesFor } from "./ecs/world";
import { physicsStep } from "./physics/step";
import * as snapshots from "./state/snapshots";
import { createMatch, stepMatch, matchCapacity } from "./game/match";
import { G } from "./game/gameBlock";
import { gameWord } from "./ecs/world";
import { writeMatrices } from "./render/matrices";

export * from "./math/exports";

// ---- match ----------------------------------------------------------------------------------
export function matchCreate(seed: u32, players: i32, botMask: i32, matchTicks: i32, orbs: i32, ringSlots: i32): void {
  createMatch(seed, players, botMask, matchTicks, orbs, ringSlots);
}
/** Input record for `slot` this tick: buttons | stickX << 8 | stickY << 16 (signed bytes). */
export function setInput(slot: i32, input: i32): void {
  assert(slot >= 0 && slot < MAX_PLAYERS, "input slot must be 0..7");
  store<i32>(gInputs + (<usize>slot << 2), input);
}
export function step(): void { stepMatch(); }
export function tick(): i32 { return header(H.Tick); }
export function phase(): i32 { return gameWord(G.Phase); }
export function ticksLeft(): i32 { return gameWord(G.TicksLeft); }
export function countdown(): i32 { return gameWord(G.Countdown); }
export function score(team: i32): i32 { return gameWord(G.Score0 + (team & 1)); }
export function playerCount(): i32 { return gameWord(G.Players); }
export function botMask(): i32 { return gameWord(G.BotMask); }
export function playerHandle(slot: i32): i32 { return gameWord(G.PlayerHandle + (slot & 7)); }
export function fieldWidth(): i32 { return gameWord(G.FieldW); }
export function fieldHeight(): i32 { return gameWord(G.FieldH); }
export function goalLow(): i32 { return gameWord(G.GoalLo); }
export function goalHigh(): i32 { return gameWord(G.GoalHi); }

/** State arena bytes of a match with these counts (what a snapshot of it carries), without making one. */
export function matchArenaBytes(players: i32, orbs: i32): i32 { return <i32>arenaBytesFor(matchCapacity(players, orbs)); }

// ---- several worlds in one instance (each a match or an engine world) ----------------------
/** A new empty world; select it, then matchCreate or worldCreate lays it out. World 0 exists from the start. */
export function worldNew(): i32 { return newWorld(); }
/** Every other export acts on the selected world. */
export function worldSelect(id: i32): void { selectWorld(id); }
/** Frees a world other than 0; its memory goes to the next world that fits. */
export function worldFree(id: i32): void { freeWorld(id); }
export function worldSelected(): i32 { return currentWorld(); }
/** Linear-memory bytes the world holds: arena, render region, scratch and snapshot ring. */
export function worldBytes(id: i32): i32 { return <i32>worldBlockBytes(id); }

// ---- engine: worlds of your own (a custom simulation on the runtime) ----------------------
/**
 * A fresh world without the demo game: capacity, snapshot ring, broadphase cell (≥ the largest
 * diameter), bounds and per-tick speed cap (below the smallest radius), all Q16.16.
 */
export function worldCreate(cap: i32, ringSlots: i32, cellSize: i32, minX: i32, minY: i32, maxX: i32, maxY: i32, maxSpeed: i32): void {
  createWorld(cap, ringSlots, cellSize, minX, minY, maxX, maxY, maxSpeed);
}
export function worldAddBox(minX: i32, minY: i32, maxX: i32, maxY: i32, restitution: i32, friction: i32): void {
  addBox(minX, minY, maxX, maxY, restitution, friction);
}
/** Wall restitution of the world bounds (Q16.16; 1.0 = elastic). */
export function worldSetWallRestitution(e: i32): void { store<i32>(gArena + (<usize>H.WallRestitution << 2), e); }
/** One physics tick of the current world, advancing its tick counter (the game's step does more). */
export function physicsTick(): void {
  physicsStep();
  store<i32>(gArena + (<usize>H.Tick << 2), header(H.Tick) + 1);
}

// ---- state: snapshot / restore / hash -------------------------------------------------------
export function snapshot(): void { snapshots.snapshot(); }
export function restore(t: i32): i32 { return snapshots.restore(t) ? 1 : 0; }
export function stateHash(): u32 { return snapshots.stateHash(); }
export function stateArenaPtr(): usize { return gArena; }
export function stateArenaBytes(): i32 { return gArenaBytes; }
export function ringSlots(): i32 { return gRingSlots; }
export function layoutVersion(): i32 { return LAYOUT_VERSION; }

// ---- ECS ------------------------------------------------------------------------------------
export function entityCapacity(): i32 { return gCap; }
export function entityHighWater(): i32 { return header(H.HighWater); }
export function liveEntities(): i32 { return header(H.LiveCount); }
export function spawn(components: u32): i32 { return entities.spawn(components); }
export function despawn(h: i32): i32 { return entities.despawn(h) ? 1 : 0; }
export function isAlive(h: i32): i32 { return entities.isAlive(h) ? 1 : 0; }
/** The handle of the live entity in slot `index`, or 0 if the slot is free (for walking slots). */
export function entityHandleAt(index: i32): i32 {
  if (index < 0 || index >= header(H.HighWater) || (entities.maskAt(index) & entities.ALIVE) == 0) return 0;
  return entities.makeHandle(index, entities.generationAt(index));
}
export function addComponents(h: i32, c: u32): i32 { return entities.addComponents(h, c) ? 1 : 0; }
export function removeComponents(h: i32, c: u32): i32 { return entities.removeComponents(h, c) ? 1 : 0; }
export function componentMask(h: i32): u32 {
  return entities.isAlive(h) ? entities.maskAt(entities.handleIndex(h)) & ~entities.ALIVE : 0;
}
export function queryCount(required: u32): i32 { return entities.queryCount(required); }
/** Read a field of a live entity (aborts on a stale handle: reading a dead entity is a bug). */
export function getField(h: i32, f: i32): i32 {
  assert(entities.isAlive(h), "stale or invalid entity handle");
  assert(f >= 0 && f < FIELD_COUNT, "no such field");
  return load<i32>(fieldPtr(f) + (<usize>entities.handleIndex(h) << 2));
}
export function setField(h: i32, f: i32, v: i32): void {
  assert(entities.isAlive(h), "stale or invalid entity handle");
  assert(f >= 0 && f < FIELD_COUNT, "no such field");
  store<i32>(fieldPtr(f) + (<usize>entities.handleIndex(h) << 2), v);
}
/** Base of field f's array (capacity × i32), for zero-copy views. */
export function fieldPointer(f: i32): usize { return fieldPtr(f); }
export function fieldCount(): i32 { return FIELD_COUNT; }
export function stateFieldCount(): i32 { return STATE_FIELD_COUNT; }
export function componentCount(): i32 { return COMPONENT_COUNT; }
export function componentInState(c: i32): i32 { return componentIsState(c) ? 1 : 0; }

// ---- render / events (outside the hashed state) ---------------------------------------------
/** Write interpolated instance matrices (alpha Q16.16); returns how many slots to draw. */
export function renderWrite(alpha: i32): i32 { return writeMatrices(alpha); }
export function renderMatricesPtr(): usize { return gMatrices; }
export function boxesPtr(): usize { return gBoxes; }
/** Start of the game block inside the arena (the words after the static boxes). */
export function gameBlockPtr(): usize { return gGame; }
export function boxCount(): i32 { return header(H.BoxCount); }
export function boxWords(): i32 { return BOX_WORDS; }
export function eventsPtr(): usize { return gEvents; }
export function eventRingSize(): i32 { return EVENT_RING; }
